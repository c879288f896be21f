/** Which format a file is in, and what each format parser makes of it. */
import { describe, expect, it } from 'vitest';
import { claimedFormat } from '../../shared/extract/format';
import { decodeEntities, parseHtml } from '../../shared/extract/formats/html';
import { parseJson } from '../../shared/extract/formats/json';
import { inlineText, parseMarkdown } from '../../shared/extract/formats/markdown';
import { parseText } from '../../shared/extract/formats/text';
import { extract } from './helpers';

describe('claimedFormat', () => {
  it.each([
    ['a.txt', null, '# not markdown here', 'text'],
    ['a.md', null, 'plain words', 'markdown'],
    ['a.HTML', null, 'plain words', 'html'],
    ['a.json', null, 'plain words', 'json'],
    ['noext', 'text/html; charset=utf-8', 'plain words', 'html'],
    ['noext', 'application/json', 'x', 'json'],
    ['noext', 'binary/octet-stream', '{"title": "x"}', 'json'],
    ['noext', null, '<!DOCTYPE html><html><body><p>x</p></body></html>', 'html'],
    ['noext', null, '---\ntitle: x\n---\nbody', 'markdown'],
    ['noext', null, '## Heading\n\nbody', 'markdown'],
    ['noext', null, '[تحديث] خبر عاجل', 'text'],
    ['noext', null, 'موسكو – سانا\nنص', 'text'],
  ])('%s (%s) -> %s', (key, contentType, text, expected) => {
    expect(claimedFormat(key, contentType, text)).toBe(expected);
  });
});

describe('parseText', () => {
  it('makes one block per line and marks blank-line separation', () => {
    const blocks = parseText('أول\nثان\n\nثالث\n');
    expect(blocks.map((b) => [b.text, b.separated])).toEqual([
      ['أول', false],
      ['ثان', false],
      ['ثالث', true],
    ]);
  });

  it('does not join one-paragraph-per-line wire copy', () => {
    const lines = Array.from({ length: 6 }, (_, i) => `هذه هي الفقرة رقم ${i + 1} من الخبر وهي تنتهي بنقطة كما يليق بها.`);
    expect(parseText(lines.join('\n'))).toHaveLength(6);
  });
});

describe('parseMarkdown', () => {
  it('reduces inline markup to text', () => {
    expect(inlineText('A **bold** and *light* [link](http://x.y) with `code` ![img](a.png)')).toBe('A bold and light link with code');
    expect(inlineText('وسم #مي_كساب يبقى كما هو')).toBe('وسم #مي_كساب يبقى كما هو');
  });

  it('reads list items, block quotes, setext headings and skips code fences', () => {
    const doc = parseMarkdown('Title\n=====\n\nIntro line one\nline two.\n\n- item one\n- item two\n\n> quoted words\n\n```\ncode();\n```\n\nSection\n-------\n\nLast.');
    expect(doc.metadata.title).toBe('Title');
    expect(doc.blocks.map((b) => [b.text, b.heading])).toEqual([
      ['Intro line one line two.', null],
      ['item one', null],
      ['item two', null],
      ['quoted words', null],
      ['Section', 2],
      ['Last.', null],
    ]);
  });

  it('does not take a horizontal rule in the body for the end of front matter', () => {
    const doc = parseMarkdown('---\ntitle: T\n\nA body paragraph that is not YAML at all.\n\n---\n\nMore body.');
    expect(doc.problems.map((p) => p.code)).toEqual(['malformed-front-matter']);
    expect(doc.metadata.title).toBe('T');
    expect(doc.blocks.map((b) => b.text)).toEqual(['A body paragraph that is not YAML at all.', 'More body.']);
  });
});

describe('parseHtml', () => {
  it('decodes named and numeric entities', () => {
    expect(decodeEntities('&amp; &lt;b&gt; &#1587;&#x627;&#1606;&#1575; &laquo;x&raquo; &unknown; &#0;')).toBe('& <b> سانا «x» &unknown; \uFFFD');
  });

  it('never reads script, style or an unclosed script', () => {
    const doc = parseHtml('<body><p>Visible text.</p><script>alert("x")</script><style>p{}</style><p>More.</p><script>never closed');
    expect(doc.blocks.map((b) => b.text)).toEqual(['Visible text.', 'More.']);
  });

  it('picks the article with the most text over teaser articles', () => {
    const doc = parseHtml('<body><article><p>Teaser.</p></article><article><h1>Real</h1><p>The real story has much more text than the teaser does.</p></article></body>');
    expect(doc.metadata.title).toBe('Real');
    expect(doc.blocks.map((b) => b.text)).toEqual(['The real story has much more text than the teaser does.']);
  });

  it('falls back from h1 to og:title to <title>', () => {
    expect(parseHtml('<head><title>Window</title><meta property="og:title" content="Share"></head><body><p>x</p></body>').metadata.title).toBe('Share');
    expect(parseHtml('<head><title>Window &amp; more</title></head><body><p>x</p></body>').metadata.title).toBe('Window & more');
  });

  it('treats <br> as a block break and keeps inline tags inside a paragraph', () => {
    const doc = parseHtml('<div>First <b>bold</b> part<br>Second part</div>');
    expect(doc.blocks.map((b) => b.text)).toEqual(['First bold part', 'Second part']);
  });
});

describe('parseJson', () => {
  it('returns null for text that is not JSON', () => {
    expect(parseJson('{"title": "x",')).toBeNull();
  });

  it('reads the first article of a list and says so', () => {
    const doc = parseJson(JSON.stringify([{ title: 'One', text: 'First body.' }, { title: 'Two', text: 'Second.' }]));
    expect(doc?.metadata.title).toBe('One');
    expect(doc?.blocks.map((b) => b.text)).toEqual(['First body.']);
    expect(doc?.problems.map((p) => p.code)).toEqual(['json-list']);
  });

  it('reports a JSON value that holds no article', () => {
    expect(parseJson('42')?.problems.map((p) => p.code)).toEqual(['json-not-article']);
  });

  it('reads author lists and source objects as metadata', () => {
    const doc = parseJson(JSON.stringify({ title: 't', body: 'b.', author: ['A', 'B'], source: { name: 'رويترز' } }));
    expect(doc?.metadata).toMatchObject({ author: 'A, B', agency: 'رويترز' });
  });
});

describe('format end to end', () => {
  it('rejects a page without article text', () => {
    const record = extract('<html><head><script>x()</script></head><body><nav>Menu</nav></body></html>', 'page.html');
    expect(record.status).toBe('rejected');
    expect(record.problems.map((p) => p.code)).toEqual(['no-text']);
  });

  it('reads a JSON string value as the article text', () => {
    const record = extract(JSON.stringify('The whole article is one string.'), 'a.json');
    expect(record.status).toBe('ok');
    expect(record.lead).toBe('The whole article is one string.');
  });
});

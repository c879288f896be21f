/**
 * Hostile inputs for the adversarial bench (bench/adversarial.ts): each generator builds a file
 * of about the size asked for out of one construct repeated, the shapes that make a backtracking
 * regex or a per-item scan blow up (runs of one punctuation or markup character, unclosed
 * constructs, one endless line, deep nesting, thousands of quotes in one paragraph), mixed with
 * Arabic and English words where the construct needs words around it. All text is invented.
 */

export interface HostileInput {
  /** The S3 key: its extension picks the format reader. */
  readonly key: string;
  readonly text: string;
}

export interface HostileGenerator {
  readonly name: string;
  /** What the construct is, for the table. */
  readonly shape: string;
  readonly make: (bytes: number) => HostileInput;
}

const utf8Length = (text: string): number => Buffer.byteLength(text, 'utf8');

/** `head` + `unit` repeated until the UTF-8 size reaches `bytes` (+ `tail`). */
function repeat(bytes: number, unit: string, head = '', tail = ''): string {
  const per = utf8Length(unit);
  const count = Math.max(1, Math.floor((bytes - utf8Length(head) - utf8Length(tail)) / per));
  return head + unit.repeat(count) + tail;
}

/** Paragraphs of `unit` repeated, each about `paragraphBytes`, separated by blank lines. */
function paragraphs(bytes: number, unit: string, paragraphBytes: number, head = ''): string {
  const paragraph = repeat(paragraphBytes, unit);
  const count = Math.max(1, Math.floor((bytes - utf8Length(head)) / (utf8Length(paragraph) + 2)));
  return head + Array.from({ length: count }, () => paragraph).join('\n\n');
}

const WIRE_HEAD = 'Damascus (SANA) - ';
const AR_HEAD = 'دمشق-سانا\n\n';

/** One character repeated, as text, Markdown and HTML: every punctuation, quote and markup mark. */
const RUN_CHARACTERS: readonly [string, string][] = [
  ['quote-straight', '"'], ['quote-curly-open', '“'], ['quote-curly-close', '”'], ['guillemet', '«'], ['apostrophe', "'"],
  ['period', '.'], ['comma-ar', '،'], ['colon', ':'], ['dash', '-'], ['paren', '('], ['bracket', '['], ['brace', '{'],
  ['lt', '<'], ['gt', '>'], ['amp', '&'], ['hash', '#'], ['star', '*'], ['underscore', '_'], ['backtick', '`'],
  ['backslash', '\\'], ['slash', '/'], ['bang', '!'], ['question-ar', '؟'], ['digit', '7'], ['digit-ar', '٧'],
  ['tatweel', 'ـ'], ['harakah', '\u064E'], ['rlm', '\u200F'], ['space', ' '], ['newline', '\n'],
];

const runs: HostileGenerator[] = RUN_CHARACTERS.flatMap(([name, ch]) =>
  (['txt', 'md', 'html'] as const).map((ext) => ({
    name: `run-${name}.${ext}`,
    shape: `\`${JSON.stringify(ch).slice(1, -1)}\` × n (${ext})`,
    make: (bytes: number) => ({ key: `run-${name}.${ext}`, text: repeat(bytes, ch, 'x ') }),
  })),
);

export const HOSTILE_GENERATORS: readonly HostileGenerator[] = [
  // The review's table.
  { name: 'quotes-closing', shape: '`Damascus (SANA) - ` + `a”` × n', make: (b) => ({ key: 'quotes.txt', text: repeat(b, 'a”', WIRE_HEAD) }) },
  { name: 'md-atx-hashes', shape: '`# ` + `#` × n + `x`', make: (b) => ({ key: 'atx.md', text: repeat(b, '#', '# ', 'x') }) },
  { name: 'md-open-brackets', shape: 'paragraphs of 19,997 `[`', make: (b) => ({ key: 'brackets.md', text: paragraphs(b, '[', 19_997) }) },
  { name: 'html-unclosed-a', shape: '`<a ` × n', make: (b) => ({ key: 'tags.html', text: repeat(b, '<a ') }) },
  // Quotes and speakers.
  { name: 'quotes-speakers-ar', shape: '`وقال الرئيس بشار الأسد “كلمة” ` × n in one paragraph', make: (b) => ({ key: 'q-ar.txt', text: repeat(b, 'وقال الرئيس بشار الأسد “كلمة واحدة هنا” ', AR_HEAD) }) },
  { name: 'quotes-speakers-en', shape: '`"Words here," said John Smith. ` × n', make: (b) => ({ key: 'q-en.txt', text: repeat(b, '"Some words here," said John Smith of Acme Ltd. ', WIRE_HEAD) }) },
  { name: 'quotes-unclosed-mixed', shape: '`«a “b "c ` × n (never closed)', make: (b) => ({ key: 'q-open.txt', text: repeat(b, '«قال “said "c ', WIRE_HEAD) }) },
  { name: 'quotes-nested', shape: '`“«` × n + `»”` × n', make: (b) => ({ key: 'q-nest.txt', text: WIRE_HEAD + '“«'.repeat(Math.floor(b / 12)) + 'كلمة' + '»”'.repeat(Math.floor(b / 12)) }) },
  { name: 'quotes-paragraphs', shape: '`قال: “نعم”` paragraphs × n', make: (b) => ({ key: 'q-par.txt', text: repeat(b, 'وقال المتحدث: “نعم نعم نعم نعم”\n', AR_HEAD) }) },
  // Entities.
  { name: 'entities-capitalised', shape: 'one endless run of capitalised English words', make: (b) => ({ key: 'caps.txt', text: repeat(b, 'John Smith Acme Moscow ', WIRE_HEAD) }) },
  { name: 'entities-roles-ar', shape: '`الرئيس وزير الخارجية المتحدث باسم ` × n', make: (b) => ({ key: 'roles.txt', text: repeat(b, 'الرئيس وزير الخارجية المتحدث باسم الحكومة السورية ', AR_HEAD) }) },
  { name: 'entities-names-many', shape: 'n distinct two-word names, each said twice', make: (b) => ({ key: 'names.txt', text: WIRE_HEAD + manyNames(b) }) },
  { name: 'entities-clitics-ar', shape: '`وبالجيش وللجيش فالجيش ` × n', make: (b) => ({ key: 'clitics.txt', text: repeat(b, 'وبالجيش وللجيش فالجيش وموسكو بموسكو ', AR_HEAD) }) },
  // Dates and datelines.
  { name: 'dates-numeric', shape: '`1/2/2015 ` × n', make: (b) => ({ key: 'dates.txt', text: repeat(b, '1/2/2015 12-11-1436 ', WIRE_HEAD) }) },
  { name: 'dates-words', shape: '`15 حزيران 2015 الموافق ` × n', make: (b) => ({ key: 'dates-ar.txt', text: repeat(b, '15 حزيران 2015 الموافق 28 شعبان 1436 هـ يوم الاثنين ', AR_HEAD) }) },
  { name: 'dates-relative', shape: '`yesterday last Monday next week ` × n', make: (b) => ({ key: 'rel.txt', text: repeat(b, 'yesterday last Monday next week on June 3 ', WIRE_HEAD) }) },
  { name: 'dateline-parens', shape: '`Damascus (` × n', make: (b) => ({ key: 'dl.txt', text: repeat(b, 'Damascus (SANA ') }) },
  { name: 'dateline-dashes', shape: '`دمشق - ` × n on one line', make: (b) => ({ key: 'dl-ar.txt', text: repeat(b, 'دمشق - سانا - ') }) },
  // Structure, sentences, keywords, fingerprints.
  { name: 'one-line-words', shape: 'one line of Arabic and English words, no punctuation', make: (b) => ({ key: 'line.txt', text: repeat(b, 'كلمة عربية word English ', AR_HEAD) }) },
  { name: 'many-lines', shape: '`a\\n` × n (hard-wrapped look)', make: (b) => ({ key: 'lines.txt', text: repeat(b, 'This line runs on without a stop and keeps going on here,\n') }) },
  { name: 'sentences-dots', shape: '`a. ` × n', make: (b) => ({ key: 'dots.txt', text: repeat(b, 'a. B. ج. ', WIRE_HEAD) }) },
  { name: 'keywords-distinct', shape: 'n distinct words', make: (b) => ({ key: 'vocab.txt', text: WIRE_HEAD + distinctWords(b) }) },
  // Markdown.
  { name: 'md-emphasis', shape: '`**a __b *c _d ` × n (unclosed)', make: (b) => ({ key: 'em.md', text: paragraphs(b, '**a __b *c _d `e ', 19_000) }) },
  { name: 'md-links-unclosed', shape: '`[a](` × n', make: (b) => ({ key: 'links.md', text: paragraphs(b, '[a](b ![c](d [e][f ', 19_000) }) },
  { name: 'md-inline-tags', shape: '`<b ` × n in a paragraph', make: (b) => ({ key: 'mdtags.md', text: paragraphs(b, '<b x ', 19_000) }) },
  { name: 'md-nesting', shape: '`> - ` × n: deep quote and list nesting', make: (b) => ({ key: 'nest.md', text: repeat(b, '> ') + 'x' }) },
  { name: 'md-front-matter', shape: '`---` then `key: value` lines, never closed', make: (b) => ({ key: 'fm.md', text: repeat(b, 'title: a\n', '---\n') }) },
  { name: 'md-front-matter-spaces', shape: 'a front matter value with n spaces inside', make: (b) => ({ key: 'fms.md', text: `---\ntitle: a${' '.repeat(Math.max(1, b - 30))}b\n---\nbody` }) },
  { name: 'md-atx-lines', shape: '`# a #` lines × n', make: (b) => ({ key: 'atxl.md', text: repeat(b, '## heading ## # #\n') }) },
  // HTML.
  { name: 'html-nested-divs', shape: '`<div>` × n, never closed', make: (b) => ({ key: 'divs.html', text: repeat(b, '<div>', '<html><body>') }) },
  { name: 'html-unclosed-attr', shape: '`<a href="x ` × n', make: (b) => ({ key: 'attr.html', text: repeat(b, '<meta content="x name=\'y ', '<html><head>', '>') }) },
  { name: 'html-meta-long', shape: 'one `<meta>` tag with n attribute-like words', make: (b) => ({ key: 'meta.html', text: '<html><head><meta ' + repeat(b, 'aaaaaaaaaa ') + '></head></html>' }) },
  { name: 'html-dropped-unclosed', shape: '`<nav ` × n', make: (b) => ({ key: 'nav.html', text: repeat(b, '<nav <script <article ') }) },
  { name: 'html-comments', shape: '`<!-- ` × n', make: (b) => ({ key: 'comments.html', text: repeat(b, '<!-- a -- ', '<p>') }) },
  { name: 'html-entities', shape: '`&#x12345678&amp` × n', make: (b) => ({ key: 'ent.html', text: repeat(b, '&#x123456789&amp&nbsp;&#99999999; ', '<p>') }) },
  { name: 'html-time-title', shape: '`<time <title ` × n, then one `>`', make: (b) => ({ key: 'time.html', text: repeat(b, '<time <title ', '<html>', '>') }) },
  { name: 'html-articles', shape: '`<article><p>x</p></article>` × n', make: (b) => ({ key: 'arts.html', text: repeat(b, '<article><p>قال “x”</p></article>') }) },
  // JSON.
  { name: 'json-nesting', shape: '`[` × n', make: (b) => ({ key: 'deep.json', text: repeat(b, '[') }) },
  { name: 'json-paragraphs', shape: 'a body list of n short paragraphs', make: (b) => ({ key: 'list.json', text: JSON.stringify({ title: 'x', body: Array.from({ length: Math.floor(b / 17) }, () => 'قال “a”') }) }) },
  ...runs,
];

function manyNames(bytes: number): string {
  const parts: string[] = [];
  let size = 0;
  for (let i = 0; size < bytes; i++) {
    const name = `Zed${i.toString(36)} Kov${(i * 7).toString(36)}`;
    const sentence = `${name} met ${name} in Paris. `;
    parts.push(sentence);
    size += sentence.length;
  }
  return parts.join('');
}

function distinctWords(bytes: number): string {
  const parts: string[] = [];
  let size = 0;
  for (let i = 0; size < bytes; i++) {
    const word = `w${i.toString(36)}q `;
    parts.push(word);
    size += word.length;
  }
  return parts.join('');
}

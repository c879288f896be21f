/**
 * The article's own text behind its record (issue #12 item 7), against s3rver and dynalite: one
 * invented story as plain text, HTML, Markdown and JSON, extracted into records, then read back
 * through the api handler as JSON (`/articles/{key}/text`), as the article page, as a download
 * (`/articles/{key}/original`) and as `dateline get --text` prints it. The paragraph numbers must
 * agree everywhere, and with the record (stats.paragraphs, quotes[].paragraph, lead).
 */
import { PutObjectCommand } from '@aws-sdk/client-s3';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createArticleQueries } from '../../adapters/queries';
import { createS3ObjectReader } from '../../adapters/s3-objects';
import { formatText } from '../../cli/commands/get';
import { createApiHandler } from '../../functions/api';
import { paragraphNumber, readArticleText, type ArticleText } from '../../shared/article-text';
import { extractRecord, PIPELINE } from '../../shared/extract';
import { decode } from '../../shared/extract/decode';
import { rejectDataFiles } from '../../shared/extract/data-files';
import { detectFormat } from '../../shared/extract/format';
import { findDateline } from '../../shared/extract/dateline';
import { findByline } from '../../shared/extract/byline';
import { buildStructure } from '../../shared/extract/structure';
import { applyObjectTitle } from '../../shared/extract/object-metadata';
import type { ArticleRecord, Source } from '../../shared/record';
import { apiEvent } from '../api/events';
import { putProjected } from '../helpers/projection';
import { startServers, type TestServers } from '../helpers/servers';

// An invented story (not from any corpus): a title, a dateline, a subheading between paragraphs,
// and a quote in the third paragraph.
const TITLE = 'افتتاح مكتبة عامة جديدة في حمص';
const DATELINE = 'حمص – سانا';
const PARAGRAPHS = [
  'افتتحت وزارة الثقافة اليوم مكتبة عامة جديدة في مدينة حمص تضم أكثر من عشرين ألف كتاب في الأدب والتاريخ والعلوم.',
  'وتقع المكتبة في حي الوعر قرب جامعة البعث، وستفتح أبوابها للطلاب والباحثين كل يوم من التاسعة صباحًا حتى السابعة مساء.',
  'وقال مدير المكتبة سامر الأحمد: «نريد أن تكون المكتبة بيتًا ثانيًا لكل قارئ في المدينة».',
];
const SUBHEADING = 'قاعة للأطفال';
const LAST = 'وتضم المكتبة قاعة خاصة للأطفال وأخرى للمخطوطات القديمة التي جمعتها الوزارة من مدن سورية عدة.';

const FILES: Record<string, { body: string; contentType: string }> = {
  'texts/homs-library.txt': {
    body: `${TITLE}\n\n${DATELINE}\n\n${PARAGRAPHS.join('\n\n')}\n\n${SUBHEADING}\n\n${LAST}\n`,
    contentType: 'text/plain; charset=utf-8',
  },
  'texts/homs-library.html': {
    body: `<!doctype html><html lang="ar" dir="rtl"><head><title>${TITLE}</title></head><body><article><h1>${TITLE}</h1><p>${DATELINE}</p>${PARAGRAPHS.map((p) => `<p>${p}</p>`).join('')}<h2>${SUBHEADING}</h2><p>${LAST}</p></article><script>window.x=1</script></body></html>`,
    contentType: 'text/html; charset=utf-8',
  },
  'texts/homs-library.md': {
    body: `---\ntitle: ${TITLE}\n---\n\n${DATELINE}\n\n${PARAGRAPHS.join('\n\n')}\n\n## ${SUBHEADING}\n\n${LAST}\n`,
    contentType: 'text/markdown; charset=utf-8',
  },
  'texts/homs-library.json': {
    body: JSON.stringify({ title: TITLE, body: `${DATELINE}\n\n${PARAGRAPHS.join('\n\n')}\n\n${SUBHEADING}\n\n${LAST}` }),
    contentType: 'application/json',
  },
};

let servers: TestServers;
let handle: ReturnType<typeof createApiHandler>;
const records = new Map<string, ArticleRecord>();

async function putFile(key: string, body: string, contentType: string): Promise<ArticleRecord> {
  const put = await servers.s3.send(new PutObjectCommand({ Bucket: servers.bucket, Key: key, Body: body, ContentType: contentType }));
  const bytes = new TextEncoder().encode(body);
  const source: Source = {
    bucket: servers.bucket,
    key,
    versionId: put.VersionId ?? null,
    etag: (put.ETag ?? '').replaceAll('"', ''),
    size: bytes.length,
    contentType,
    sequencer: `00${Date.now().toString(16).toUpperCase()}`,
    uploadedAt: new Date().toISOString(),
    metadata: {},
  };
  return extractRecord({ bytes, source, now: new Date().toISOString() });
}

async function getJson(path: string): Promise<{ statusCode: number; body: unknown }> {
  const result = await handle(apiEvent(path));
  return { statusCode: result.statusCode, body: result.headers['content-type']?.startsWith('application/json') ? JSON.parse(result.body) : result.body };
}

const paragraphsOf = (text: ArticleText) => text.blocks.flatMap((b) => (b.kind === 'paragraph' ? [b] : []));

beforeAll(async () => {
  servers = await startServers();
  for (const [key, file] of Object.entries(FILES)) records.set(key, await putFile(key, file.body, file.contentType));
  await putProjected(servers.doc, servers.tableName, [...records.values()]);
  handle = createApiHandler({
    queries: createArticleQueries({ doc: servers.doc, tableName: servers.tableName }),
    objects: createS3ObjectReader(servers.s3),
    logger: { error: () => undefined },
  });
}, 60_000);

afterAll(() => servers?.stop());

describe('the text behind a record', () => {
  it('is read by the extraction\'s own first steps, in the pipeline\'s order', () => {
    expect(PIPELINE.slice(0, 6)).toEqual([decode, rejectDataFiles, detectFormat, findDateline, findByline, buildStructure]);
    expect(PIPELINE).toContain(applyObjectTitle);
  });

  it('gives the same numbered paragraphs for plain text, HTML, Markdown and JSON, agreeing with each record', async () => {
    const texts: ArticleText[] = [];
    for (const key of Object.keys(FILES)) {
      const record = records.get(key)!;
      expect(record.status, key).toBe('ok');
      const { statusCode, body } = await getJson(`/articles/${encodeURIComponent(key)}/text`);
      expect(statusCode, key).toBe(200);
      const text = body as ArticleText & { key: string };
      expect(text.key).toBe(key);
      const paragraphs = paragraphsOf(text);
      // Numbered 1, 2, 3 … in order, as many as the record counts, the first one its lead.
      expect(paragraphs.map((p) => p.number), key).toEqual(paragraphs.map((_, i) => paragraphNumber(i)));
      expect(paragraphs.length, key).toBe(record.stats.paragraphs);
      expect(paragraphs[0]?.text.trim(), key).toBe(record.lead);
      // Every quote stands in the paragraph its number names.
      expect(record.quotes.length, key).toBeGreaterThan(0);
      for (const quote of record.quotes) expect(paragraphs[quote.paragraph]?.text, key).toContain(quote.text);
      // The markup is read, not shown: no tags, no script.
      expect(JSON.stringify(text.blocks), key).not.toMatch(/<\/?(p|h1|h2|script)|window\.x|title:/);
      texts.push(text);
    }
    const shapes = texts.map((t) => t.blocks.map((b) => (b.kind === 'paragraph' ? `${b.number}:${b.text.trim()}` : `## ${b.text}`)));
    for (const shape of shapes.slice(1)) expect(shape).toEqual(shapes[0]);
    expect(shapes[0]).toEqual([...PARAGRAPHS.map((p, i) => `${i + 1}:${p}`), `## ${SUBHEADING}`, `4:${LAST}`]);
  });

  it('shows the text on the article page: numbered paragraphs, marked entities, the title as headline, a download link', async () => {
    const key = 'texts/homs-library.html';
    const record = records.get(key)!;
    const result = await handle(apiEvent(`/article/${encodeURIComponent(key)}`));
    expect(result.statusCode).toBe(200);
    const page = result.body;
    const text = readArticleText(new TextEncoder().encode(FILES[key]!.body), record.source)!;
    for (const p of paragraphsOf(text)) expect(page).toContain(`id="p${p.number}" data-paragraph="${p.number}"`);
    expect(page).toContain(`<h3 class="subheading">`);
    // The last paragraph (not the lead) is on the page, with its entities marked.
    expect(page).toMatch(/data-paragraph="4">[^]*?<mark class="entity [a-z]+"/);
    const headline = /<h1 id="title"[^>]*>(.*?)<\/h1>/.exec(page)?.[1] ?? '';
    expect(headline.replace(/<[^>]+>/g, '')).toBe(TITLE);
    // Under the page's own path, behind the web sign-in on AWS (the JSON API's routes are IAM-signed).
    expect(page).toContain(`href="/article/${encodeURIComponent(key)}?as=original" download`);
    expect(page).toContain(`href="/article/${encodeURIComponent(key)}?as=json"`);
    // Each quote links to the paragraph it is in, by the same number.
    for (const quote of record.quotes) expect(page).toContain(`href="#p${paragraphNumber(quote.paragraph)}"`);
  });

  it('prints the same numbers in `dateline get --text`', async () => {
    const { body } = await getJson(`/articles/${encodeURIComponent('texts/homs-library.md')}/text`);
    const printed = formatText(body as ArticleText);
    for (const p of paragraphsOf(body as ArticleText)) expect(printed).toContain(`[${p.number}] ${p.text}`);
  });

  it.each([
    ['the JSON API', (key: string) => apiEvent(`/articles/${encodeURIComponent(key)}/original`)],
    ['the web page', (key: string) => apiEvent(`/article/${encodeURIComponent(key)}`, { as: 'original' })],
  ])('downloads the original bytes as an attachment, never inline, through %s', async (_label, event) => {
    const key = 'texts/homs-library.html';
    const result = await handle(event(key));
    expect(result.statusCode).toBe(200);
    expect(result.isBase64Encoded).toBe(true);
    expect(Buffer.from(result.body, 'base64').toString('utf8')).toBe(FILES[key]!.body);
    expect(result.headers['content-disposition']).toBe(`attachment; filename="homs-library.html"; filename*=UTF-8''homs-library.html`);
    expect(result.headers['content-security-policy']).toMatch(/^sandbox/);
  });

  it('gives the record as JSON under the page path too', async () => {
    const key = 'texts/homs-library.md';
    const result = await handle(apiEvent(`/article/${encodeURIComponent(key)}`, { as: 'json' }));
    expect(result.statusCode).toBe(200);
    expect(JSON.parse(result.body)).toMatchObject({ source: { key }, title: TITLE });
  });

  it('answers 409 when the file changed since its record, and 404 without a record', async () => {
    const key = 'texts/homs-library.txt';
    await servers.s3.send(new PutObjectCommand({ Bucket: servers.bucket, Key: key, Body: 'another text altogether', ContentType: 'text/plain' }));
    expect((await getJson(`/articles/${encodeURIComponent(key)}/text`)).statusCode).toBe(409);
    expect((await getJson(`/articles/${encodeURIComponent(key)}/original`)).statusCode).toBe(409);
    expect((await getJson(`/articles/${encodeURIComponent('texts/none.txt')}/text`)).statusCode).toBe(404);
    // The page still shows the record's lead, and says why the text is missing.
    const page = await handle(apiEvent(`/article/${encodeURIComponent(key)}`));
    expect(page.body).toContain('class="muted text-note"');
    expect(page.body).toContain(`<p class="lead">`);
  });
});

/**
 * Bad input through the real local pipeline: each file is put into s3rver with the SDK, its event
 * goes through the local queue to the ingest handler, and the record lands in dynalite. Each case
 * checks the record, the log line that names the file, and that the handler neither threw nor
 * failed a message (so nothing is retried or dead-lettered for bad input).
 */
import type { Readable } from 'node:stream';
import { GetObjectCommand, PutObjectCommand } from '@aws-sdk/client-s3';
import { GetCommand } from '@aws-sdk/lib-dynamodb';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { articleKey, itemSizeBytes, MAX_ITEM_BYTES } from '../../shared/items';
import { decodeS3Key } from '../../shared/s3-event';
import type { ArticleRecord } from '../../shared/record';
import { startPipeline, type Pipeline } from './harness/pipeline';
import {
  ARABIC_ARTICLE,
  ENGLISH_ARTICLE,
  articleNamingPeople,
  distinctNames,
  encodeSingleByte,
  fixture,
  invalidUtf8,
  png,
  textStream,
  utf16WithBom,
  zip,
} from './harness/inputs';

const MAX_BYTES = 10 * 1024 * 1024;
let p: Pipeline;

beforeAll(async () => {
  p = await startPipeline({ maxBytes: MAX_BYTES });
});
afterAll(() => p?.stop());

/** Puts the object, waits for the pipeline, and returns its record and the ingest log lines naming it. */
async function ingest(key: string, body: Uint8Array | string | { stream: Readable; length: number }, contentType = 'text/plain') {
  const batchesBefore = p.batches.length;
  const upload = typeof body === 'object' && 'stream' in body ? { Body: body.stream, ContentLength: body.length } : { Body: body };
  await p.s3.send(new PutObjectCommand({ Bucket: p.bucket, Key: key, ...upload, ContentType: contentType }));
  expect(await p.settle(), 'the queue drained').toBe(true);
  expectHandledCleanly(batchesBefore);
  return { record: await p.store.get(key), logs: p.logs.filter((l) => l.attributes.key === key) };
}

/** No batch since `from` threw or reported a failed message. */
function expectHandledCleanly(from: number): void {
  const batches = p.batches.slice(from);
  expect(batches.length).toBeGreaterThan(0);
  for (const batch of batches) {
    expect(batch.thrown).toBeNull();
    expect(batch.response?.batchItemFailures).toEqual([]);
  }
}

/** The log line that reports the record written, with its status and problem codes. */
function expectWrittenLogLine(logs: Pipeline['logs'], status: ArticleRecord['status'], problems: string[]): void {
  expect(logs).toContainEqual({
    level: 'info',
    message: 'record written',
    attributes: expect.objectContaining({ outcome: 'written', action: 'created', status, problems }),
  });
}

/** The length of the list (or text) at a dotted path of the record: `entities.person`, `lead`. */
function lengthAt(record: ArticleRecord, field: string): number {
  const value = field.split('.').reduce<unknown>((at, name) => (at as Record<string, unknown> | undefined)?.[name], record);
  return Array.isArray(value) || typeof value === 'string' ? value.length : 0;
}

const codes = (record: ArticleRecord | null) => record?.problems.map((problem) => problem.code);

describe('files that are not articles get a rejected record with the reason', () => {
  it('an empty file', async () => {
    const { record, logs } = await ingest('bad/empty.txt', new Uint8Array(0));
    expect(record).toMatchObject({ status: 'rejected', source: { key: 'bad/empty.txt', size: 0 } });
    expect(codes(record)).toEqual(['empty']);
    expectWrittenLogLine(logs, 'rejected', ['empty']);
  });

  it.each([
    ['a PNG image', 'bad/photo.png', png(), 'image/png', /PNG image/],
    ['a ZIP archive', 'bad/articles.zip', zip(), 'application/zip', /ZIP/],
  ])('%s', async (_label, key, bytes, contentType, reason) => {
    const { record, logs } = await ingest(key, bytes, contentType);
    expect(record).toMatchObject({ status: 'rejected', source: { size: bytes.length, contentType }, format: null, language: { code: 'und' } });
    expect(codes(record)).toEqual(['binary']);
    expect(record?.problems[0]?.message).toMatch(reason);
    expect(record?.fingerprints.sha256).toMatch(/^[0-9a-f]{64}$/);
    expectWrittenLogLine(logs, 'rejected', ['binary']);
  });

  it('bytes that are not UTF-8 and no legacy code page either', async () => {
    const { record, logs } = await ingest('bad/invalid-utf8.txt', invalidUtf8());
    expect(record).toMatchObject({ status: 'rejected', encoding: null });
    expect(codes(record)).toEqual(['undecodable']);
    expectWrittenLogLine(logs, 'rejected', ['undecodable']);
  });
});

describe('text in other encodings is decoded and extracted', () => {
  it.each([
    ['UTF-16LE with BOM', 'enc/utf16le.txt', utf16WithBom(ARABIC_ARTICLE, 'le'), 'utf-16le'],
    ['UTF-16BE with BOM', 'enc/utf16be.txt', utf16WithBom(ARABIC_ARTICLE, 'be'), 'utf-16be'],
    ['windows-1256 Arabic', 'enc/cp1256.txt', encodeSingleByte(ARABIC_ARTICLE, 'windows-1256'), 'windows-1256'],
  ])('%s', async (_label, key, bytes, encoding) => {
    const { record, logs } = await ingest(key, bytes);
    expect(record).toMatchObject({
      status: 'ok',
      encoding,
      language: { code: 'ar', direction: 'rtl' },
      dateline: { place: 'حلب', agencyCode: 'SANA' },
    });
    expect(record?.lead).toContain('مديرية التجارة الداخلية');
    expect(codes(record)).toEqual([]);
    expectWrittenLogLine(logs, 'ok', []);
  });
});

describe('a file over the size limit', () => {
  const size = 50 * 1024 * 1024;
  const key = 'big/fifty-megabytes.txt';

  it('is rejected from the event alone: one GetObject of a single byte (is it still current?), nothing is buffered', async () => {
    // Streamed up, 64 KiB at a time: the test never holds the 50 MB either.
    const { record, logs } = await ingest(key, { stream: textStream(size), length: size });
    expect(record).toMatchObject({ status: 'rejected', source: { size } });
    expect(codes(record)).toEqual(['too-large']);
    expect(record?.problems[0]?.message).toMatch(/not read/);
    expect(p.reads.filter((r) => r.key === key)).toEqual([{ key, maxBytes: 0, bytes: 1 }]);
    expect(p.s3Faults.count('GetObject', key)).toBe(1);
    expect(p.s3Faults.count('HeadObject', key)).toBe(0);
    expectWrittenLogLine(logs, 'rejected', ['too-large']);
  });

  it('is read no further than the limit + 1 byte when an event does not say its size', async () => {
    const event = p.events.find((e) => decodeS3Key(e.s3.object.key).key === key);
    expect(event?.s3.object.size).toBe(size);
    const { size: _omitted, ...object } = event!.s3.object;
    const batchesBefore = p.batches.length;
    p.deliver({ ...event!, s3: { ...event!.s3, object } });
    expect(await p.settle()).toBe(true);
    expectHandledCleanly(batchesBefore);

    // After the first test's one-byte read: this delivery's read stops at the limit + 1 byte.
    expect(p.reads.filter((r) => r.key === key).slice(1)).toEqual([{ key, maxBytes: MAX_BYTES, bytes: MAX_BYTES + 1 }]);
    expect(p.s3Faults.count('GetObject', key)).toBe(2);
    // Same sequencer as the record: refused as not newer, the record stays as it was.
    expect(p.logs.filter((l) => l.attributes.key === key).at(-1)).toMatchObject({ attributes: { outcome: 'stale', problems: ['too-large'] } });
    expect(codes(await p.store.get(key))).toEqual(['too-large']);
  });
});

describe('awkward but readable files', () => {
  it('HTML full of scripts and styles: the article text, and no code or style in the record', async () => {
    const { record, logs } = await ingest('web/night-buses.html', fixture('scripts-and-styles.html'), 'text/html; charset=utf-8');
    expect(record).toMatchObject({
      status: 'ok',
      format: 'html',
      title: 'Night buses extended to the southern suburbs',
      dateline: { place: 'BEIRUT', agencyCode: 'Reuters' },
      stats: { paragraphs: 3 },
    });
    expect(record?.lead).toMatch(/^The city council approved a plan on Monday/);
    // Every marker sits in a script, a style, an attribute, a noscript, nav, aside or footer.
    const markers = /SCRIPT_TEXT|JSONLD_TEXT|INJECTED_BY|STYLE_TEXT|ATTRIBUTE_SCRIPT|FAKE_PARAGRAPH|NOSCRIPT_TEXT|NAVIGATION_TEXT|ASIDE_TEXT|FOOTER_TEXT|trackingQueue|console\.log|font-family|alert\(/;
    expect(JSON.stringify(record)).not.toMatch(markers);
    expectWrittenLogLine(logs, 'ok', []);
  });

  it('malformed JSON: read as text, and the record says so', async () => {
    const { record, logs } = await ingest('json/pumping-station.json', fixture('malformed.json'), 'application/json');
    expect(record).toMatchObject({ status: 'ok', format: 'text', language: { code: 'en' } });
    expect(codes(record)).toEqual(['malformed-json']);
    expect(record?.stats.words).toBeGreaterThan(40);
    expectWrittenLogLine(logs, 'ok', ['malformed-json']);
  });

  it('Markdown whose front matter is never closed: the body is still read, and the record says so', async () => {
    const { record, logs } = await ingest('md/olive-harvest.md', fixture('broken-front-matter.md'), 'text/markdown');
    expect(record).toMatchObject({ status: 'ok', format: 'markdown', language: { code: 'en' } });
    expect(codes(record)).toContain('malformed-front-matter');
    expect(record?.lead).toMatch(/^Farmers in the Idlib countryside/);
    expectWrittenLogLine(logs, 'ok', codes(record)!);
  });

  it('an article naming 20,000 distinct people: one item under 400 KB, and what was cut is said', { timeout: 180_000 }, async () => {
    const key = 'monsters/conference-attendance.txt';
    const text = articleNamingPeople(20_000);
    expect(distinctNames(20_000)).toBe(20_000);
    const { record, logs } = await ingest(key, text);
    expect(record?.status).toBe('ok');

    const { Item } = await p.doc.send(new GetCommand({ TableName: p.table, Key: articleKey(key), ConsistentRead: true }));
    expect(itemSizeBytes(Item!)).toBeLessThan(MAX_ITEM_BYTES);
    expect(Buffer.byteLength(JSON.stringify(Item))).toBeLessThan(MAX_ITEM_BYTES);

    const found = record!.truncated?.['entities.person'] ?? record!.entities.person.length;
    if (found === 0) console.warn('note: the extractor found no people in the 20,000-name article; the entity cap was not exercised');
    // Whatever was cut (by the extractor's caps or by fitting the item), `truncated` names the field
    // and how many there were, more than the record keeps.
    for (const [field, original] of Object.entries(record!.truncated ?? {})) {
      expect(original, field).toBeGreaterThan(lengthAt(record!, field));
    }
    if (record!.entities.person.length < found) expect(record!.truncated?.['entities.person']).toBe(found);
    expectWrittenLogLine(logs, 'ok', codes(record)!);
  });
});

describe('keys as S3 encodes them in events', () => {
  // Four folders of 100 Arabic letters (200 bytes each) and a tail: exactly S3's 1,024-byte maximum.
  const longPrefix = ['ب', 'ت', 'ث', 'ج'].map((letter) => `أرشيف-${letter.repeat(100)}/`).join('');
  const longKey = `${longPrefix}${'x'.repeat(1024 - Buffer.byteLength(longPrefix) - 4)}.txt`;

  it.each([
    ['spaces', 'keys/annual report 2024.txt'],
    ['a plus sign', 'keys/a+b=c.txt'],
    ['percent signs, one that looks like an escape', 'keys/100% sure %41.txt'],
    ['Arabic letters and digits', 'keys/أخبار/دمشق سانا ١٤٣٦.txt'],
    ['all of them', 'keys/مزيج + 50% mixed.txt'],
    ['1,024 bytes', longKey],
  ])('%s: the record is stored under the key as written', async (_label, key) => {
    const { record, logs } = await ingest(key, ENGLISH_ARTICLE);
    expect(Buffer.byteLength(key)).toBeLessThanOrEqual(1024);
    expect(record).toMatchObject({ status: 'ok', id: `${p.bucket}/${key}`, source: { key } });
    const event = p.events.find((e) => decodeS3Key(e.s3.object.key).key === key);
    if (/[ +%\u0600-\u06ff]/.test(key)) expect(event?.s3.object.key).not.toBe(key);
    expect(logs.some((l) => l.level === 'warn')).toBe(false);
    expectWrittenLogLine(logs, 'ok', []);
  });

  it('the key is exactly 1,024 bytes', () => {
    expect(Buffer.byteLength(longKey)).toBe(1024);
  });

  it('a key with a trailing slash (a "folder"): a rejected record for the empty object, under that key', async () => {
    const key = 'reports/2024/';
    const { record, logs } = await ingest(key, new Uint8Array(0), 'application/x-directory');
    const stored = await p.s3.send(new GetObjectCommand({ Bucket: p.bucket, Key: key }));
    expect(stored.ContentLength).toBe(0);
    expect(record).toMatchObject({ status: 'rejected', source: { key, size: 0 } });
    expect(codes(record)).toEqual(['empty']);
    expectWrittenLogLine(logs, 'rejected', ['empty']);
  });
});

describe('the S3 test event', () => {
  it('is acknowledged once, with a log line, and writes nothing', async () => {
    const batchesBefore = p.batches.length;
    const before = p.counters().TestEvent ?? 0;
    const body = JSON.stringify({ Service: 'Amazon S3', Event: 's3:TestEvent', Time: '2024-03-04T09:00:00.000Z', Bucket: p.bucket, RequestId: 'A1B2C3', HostId: 'host' });
    const id = p.queue.send(body);
    expect(await p.settle()).toBe(true);
    expectHandledCleanly(batchesBefore);
    expect(p.batches.slice(batchesBefore).flatMap((b) => b.messageIds).filter((m) => m === id)).toHaveLength(1);
    expect(p.counters().TestEvent).toBe(before + 1);
    expect(p.logs).toContainEqual({ level: 'info', message: 'S3 test event acknowledged', attributes: { messageId: id, bucket: p.bucket } });
    expect(p.queue.deadLetters()).toEqual([]);
  });
});

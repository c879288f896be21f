/**
 * Properties of the extractor on input nobody wrote by hand (fast-check): arbitrary bytes, and
 * arbitrary text in every encoding ingest reads, plain or dressed as the formats it parses. For
 * every input the extraction
 * - returns instead of throwing, and without an internal fault (status `error` means one was caught);
 * - gives a record that validates against the schema (shared/record.ts);
 * - fits a DynamoDB item once fitted as ingest fits it (and fitting never fails);
 * - is deterministic: the same bytes and time give the same record (only the measured duration differs).
 * A failure prints fast-check's seed and the shrunk input; `FC_SEED=<seed>` replays it.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { extractRecord } from '../../shared/extract';
import { fitRecord, itemSizeBytes, MAX_ITEM_BYTES, recordToItem } from '../../shared/items';
import { ArticleRecord, type Source } from '../../shared/record';
import { encodeSingleByte, utf16WithBom } from './harness/inputs';

const NOW = '2024-03-04T09:31:00.000Z';
const RUNS = Number(process.env.FC_RUNS ?? 150);
const SEED = process.env.FC_SEED === undefined ? {} : { seed: Number(process.env.FC_SEED) };

function sourceFor(bytes: Uint8Array): Source {
  return { bucket: 'dateline-properties', key: 'arbitrary.txt', versionId: null, etag: null, size: bytes.length, contentType: null, sequencer: '0065E5A00000000001', uploadedAt: NOW, metadata: {} };
}

/** Checks every property for one input; returns nothing, fails with the record at hand. */
function checkExtraction(bytes: Uint8Array): void {
  const source = sourceFor(bytes);
  let record: ArticleRecord;
  try {
    record = extractRecord({ bytes, source, now: NOW });
  } catch (error) {
    throw new Error(`extractRecord threw: ${String(error)}`);
  }
  expect(record.problems.filter((p) => p.code === 'extractor-failed' || p.code === 'invalid-record')).toEqual([]);
  expect(record.status).not.toBe('error');

  const valid = ArticleRecord.safeParse(record);
  expect(valid.success, valid.success ? '' : valid.error.message).toBe(true);

  const fitted = fitRecord(record);
  expect(ArticleRecord.safeParse(fitted).success).toBe(true);
  expect(itemSizeBytes(recordToItem(fitted))).toBeLessThanOrEqual(MAX_ITEM_BYTES);

  const again = extractRecord({ bytes: Uint8Array.from(bytes), source, now: NOW });
  const withoutDuration = (r: ArticleRecord) => ({ ...r, extractor: { ...r.extractor, durationMs: 0 } });
  expect(withoutDuration(again)).toEqual(withoutDuration(record));
}

const ARABIC_LETTERS = [...'ابتثجحخدذرزسشصضطظعغفقكلمنهويءآأإؤئىةـ'];
const ARABIC_MARKS = ['\u064b', '\u064e', '\u064f', '\u0650', '\u0651', '\u0652'];
const PUNCTUATION = [...' .,،؛؟!?:;-–—"«»“”()\n\n\t'];
const WORDS = ['سانا', 'دمشق', 'موسكو', 'الرئيس', 'قال', 'حزيران', '٢٠١٥', 'Reuters', 'MOSCOW', 'said', 'on', 'Monday', '2015', 'هـ', 'واس', 'أ ف ب'];

/** Text that looks like an article more often than random code points would: Arabic, Latin, digits, wire words. */
const articleLikeText = fc
  .array(
    fc.oneof(
      fc.constantFrom(...ARABIC_LETTERS),
      fc.constantFrom(...ARABIC_MARKS),
      fc.constantFrom(...PUNCTUATION),
      fc.constantFrom(...WORDS.map((w) => ` ${w} `)),
      fc.string({ maxLength: 6 }),
    ),
    { maxLength: 600 },
  )
  .map((parts) => parts.join(''));

const anyText = fc.oneof(fc.string({ unit: 'binary', maxLength: 1500 }), fc.string({ unit: 'grapheme', maxLength: 800 }), articleLikeText);

/** The formats ingest parses, with arbitrary text in their fields. */
const formattedText = fc.oneof(
  fc.tuple(anyText, anyText).map(([place, body]) => `${place.slice(0, 20)} - سانا\n\n${body}`),
  fc.tuple(anyText, anyText, anyText).map(([title, date, body]) => `---\ntitle: ${title}\ndate: ${date}\n---\n# ${title}\n\n${body}`),
  fc.tuple(anyText, anyText).map(([title, body]) => `<!doctype html><html><head><title>${title}</title><script>${body}</script></head><body><article><h1>${title}</h1><p>${body}</p></article></body></html>`),
  fc.tuple(anyText, anyText, anyText).map(([title, date, body]) => JSON.stringify({ title, date, body, source: 'SANA' })),
  fc.tuple(anyText, anyText).map(([a, b]) => `{"title": ${JSON.stringify(a)}, "body": ${JSON.stringify(b)}`),
);

/** Text in one of the encodings ingest reads (windows-1256 only where every character has a byte). */
const encodedText = fc.tuple(fc.oneof(anyText, formattedText), fc.constantFrom('utf-8', 'utf-8-bom', 'utf-16le', 'utf-16be', 'windows-1256')).map(([text, encoding]) => {
  switch (encoding) {
    case 'utf-8':
      return Buffer.from(text, 'utf8');
    case 'utf-8-bom':
      return Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from(text, 'utf8')]);
    case 'utf-16le':
      return utf16WithBom(text, 'le');
    case 'utf-16be':
      return utf16WithBom(text, 'be');
    default:
      try {
        return encodeSingleByte(text, 'windows-1256');
      } catch {
        return Buffer.from(text, 'utf8');
      }
  }
});

describe('extractRecord, on arbitrary input', () => {
  it('arbitrary bytes: no throw, no internal fault, a valid record, fits an item, deterministic', () => {
    fc.assert(fc.property(fc.uint8Array({ maxLength: 4096 }), checkExtraction), { numRuns: RUNS, ...SEED });
  });

  it('arbitrary bytes after a text start (a BOM, a dateline, a tag): the same', () => {
    const starts = fc.constantFrom([0xef, 0xbb, 0xbf], [0xff, 0xfe], [0xfe, 0xff], [...Buffer.from('دمشق-سانا\n')], [...Buffer.from('<html><p>')], [...Buffer.from('---\n')], [...Buffer.from('{"title":')]);
    fc.assert(
      fc.property(starts, fc.uint8Array({ maxLength: 2048 }), (start, rest) => checkExtraction(Uint8Array.from([...start, ...rest]))),
      { numRuns: RUNS, ...SEED },
    );
  });

  it('arbitrary text in every encoding ingest reads, plain and as Markdown, HTML and JSON: the same', () => {
    fc.assert(fc.property(encodedText, checkExtraction), { numRuns: RUNS, ...SEED });
  });

  it('text long enough to reach the caps (many paragraphs, a long line): the same', () => {
    const long = fc.tuple(articleLikeText, fc.integer({ min: 50, max: 400 })).map(([text, times]) => Buffer.from(`${text}\n\n`.repeat(times)));
    fc.assert(fc.property(long, checkExtraction), { numRuns: Math.max(10, Math.floor(RUNS / 10)), ...SEED });
  });
});

/** The public contract: every input gives a valid record, and extraction never throws. */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { EXTRACTOR_VERSION, extractRecord, failedRecord } from '../../shared/extract/index';
import { ArticleRecord } from '../../shared/record';
import { extract, NOW, sourceFor } from './helpers';

const withoutDuration = (record: ArticleRecord) => ({ ...record, extractor: { ...record.extractor, durationMs: 0 } });

describe('extractRecord', () => {
  it('never throws and always gives a valid record, for arbitrary bytes', () => {
    fc.assert(
      fc.property(fc.uint8Array({ maxLength: 2_000 }), fc.constantFrom('a.txt', 'a.md', 'a.html', 'a.json', 'noext'), (bytes, key) => {
        const record = extractRecord({ bytes, source: sourceFor(key, bytes.length), now: NOW });
        expect(ArticleRecord.safeParse(record).success).toBe(true);
        expect(['ok', 'rejected']).toContain(record.status);
      }),
      { numRuns: 300 },
    );
  });

  it('never throws on arbitrary text shaped like markup, datelines and front matter', () => {
    const piece = fc.constantFrom('<p>', '</p>', '<script>', '<article>', '<h1>', '</h2>', '&amp;', '&#99999999;', '---\n', 'title: x\n', '# ', '{"title":', '"body":', '[', ']', '(', ')', ' - ', ' – ', 'سانا', 'واس', '(CNN)', 'MOSCOW', ', Feb 26', '25 شوال 1436 هـ الموافق', '10 أغسطس 2015 م', '\n', '\n\n', '.', '؟', '\u200F', '\uFEFF', 'ـ');
    const text = fc.array(fc.oneof(piece, fc.string({ maxLength: 20 }), fc.string({ unit: 'binary', maxLength: 10 })), { maxLength: 60 }).map((parts) => parts.join(''));
    fc.assert(
      fc.property(text, fc.constantFrom('a.txt', 'a.md', 'a.html', 'a.json'), (content, key) => {
        const record = extract(content, key);
        expect(ArticleRecord.safeParse(record).success).toBe(true);
      }),
      { numRuns: 400 },
    );
  });

  it('finishes a huge article by analysing a prefix, and says so', () => {
    const paragraph = 'أكد المتحدث الرسمي أن المحادثات ستستمر خلال الأسبوع المقبل في العاصمة.\n';
    const record = extract('دمشق – سانا\n' + paragraph.repeat(40_000));
    expect(record.status).toBe('ok');
    expect(record.dateline?.agencyCode).toBe('SANA');
    expect(record.problems.map((p) => p.code)).toEqual(expect.arrayContaining(['text-capped', 'simhash-capped']));
    expect(ArticleRecord.safeParse(record).success).toBe(true);
    expect(JSON.stringify(record).length).toBeLessThan(400_000);
  });

  it('is deterministic apart from durationMs', () => {
    const text = 'موسكو – سانا\nأكد مسؤول روسي اليوم أن المحادثات ستستمر.\n';
    expect(withoutDuration(extract(text))).toEqual(withoutDuration(extract(text)));
  });

  it('stamps the extractor version and the time it is given', () => {
    const record = extract('A short note about nothing in particular, written for this test.');
    expect(record.extractor).toMatchObject({ version: EXTRACTOR_VERSION, extractedAt: NOW });
    expect(record.extractor.durationMs).toBeGreaterThanOrEqual(0);
    expect(record.id).toBe('articles/article.txt');
  });

  it('rejects an empty object with every field present', () => {
    const record = extract(new Uint8Array(), 'empty.txt');
    expect(record).toMatchObject({ status: 'rejected', problems: [{ code: 'empty' }], format: null, dateline: null, title: null });
    expect(record.fingerprints.sha256).toBe('e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855');
    expect(ArticleRecord.safeParse(record).success).toBe(true);
  });

  it('turns a fault inside the pipeline into an error record', () => {
    // Not a Uint8Array: the decoder fails on it, as a bug in an extractor would.
    const record = extractRecord({ bytes: {} as Uint8Array, source: sourceFor('bad.txt', 0), now: NOW });
    expect(record.status).toBe('error');
    expect(record.problems.map((p) => p.code)).toEqual(['extractor-failed']);
    expect(ArticleRecord.safeParse(record).success).toBe(true);
  });
});

describe('failedRecord', () => {
  it('builds a complete record with nothing found', () => {
    const record = failedRecord(sourceFor('big.txt', 10), 'rejected', [{ code: 'too-large', message: 'over the limit' }], NOW);
    expect(ArticleRecord.safeParse(record).success).toBe(true);
    expect(record).toMatchObject({
      status: 'rejected',
      problems: [{ code: 'too-large' }],
      extractor: { version: EXTRACTOR_VERSION, extractedAt: NOW },
      language: { code: 'und' },
      stats: { words: 0 },
      fingerprints: { sha256: '', simhash: '' },
      entities: { person: [], organization: [], place: [] },
    });
  });

  it('does not share mutable defaults between records', () => {
    const first = failedRecord(sourceFor('a', 0), 'error', [], NOW);
    first.stats.words = 99;
    first.language.code = 'xx';
    const second = failedRecord(sourceFor('b', 0), 'error', [], NOW);
    expect(second.stats.words).toBe(0);
    expect(second.language.code).toBe('und');
  });
});

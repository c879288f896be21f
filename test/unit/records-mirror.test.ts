/**
 * The records mirror without servers: search terms (SPEC §5 normalisation and clitics), the
 * mirror's keys (month partitions, undated apart, moves), and the SQL run by DuckDB over rows
 * written as s3rver keeps them on disk (local/records-engine.ts). Invented records only.
 */
import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createLocalRecordsEngine, type LocalRecordsEngine } from '../../local/records-engine';
import { extractRecord } from '../../shared/extract/index';
import { mirrorChange, mirrorKeyOf, mirrorRowOf } from '../../shared/mirror';
import type { ArticleRecord } from '../../shared/record';
import { exportRecords, recordStats, searchRecords } from '../../shared/records-queries';
import { parseExportQuery, parseSearchQuery, parseStatsQuery } from '../../shared/records-sql';
import { articleText, termForms } from '../../shared/search-text';

const source = (key: string, published?: string) => ({
  bucket: 'b', key, versionId: null, etag: null, size: 0, contentType: 'text/plain', sequencer: null, uploadedAt: '2026-01-02T00:00:00Z',
  metadata: (published ? { published } : {}) as Record<string, string>,
});
function record(key: string, text: string, published?: string): { record: ArticleRecord; bytes: Uint8Array } {
  const bytes = new TextEncoder().encode(text);
  return { record: extractRecord({ bytes, source: source(key, published), now: '2026-01-02T00:00:00Z' }), bytes };
}

const BRIDGE = record('a/bridge.txt', 'اللاذقية – سانا\nأعادت محافظة اللاذقية اليوم فتح الجسر القديم أمام السيارات بعد ترميمه.\nوأكد المهندس المشرف أنّ الأعمالَ شملت تدعيم الأساسات ومدّ إنارة جديدة للمشاة.', '2024-05-03');
const FERRY = record('a/ferry.txt', 'The harbour board restored the evening ferry to the island.\nPassengers asked for a later sailing in winter.', '2023-11-20');
const UNDATED = record('a/undated.txt', 'حلب – سانا\nبدأت ورشة لإصلاح شبكة المياه في الأحياء الشرقية.');
const EMPTY = record('a/empty.txt', '');

describe('search terms', () => {
  it('normalises hamza forms, ta marbuta, alef maqsura, diacritics and tatweel, and takes clitics off', () => {
    expect(termForms('أنّ')).toEqual(['ان']);
    expect(termForms('والمدرسة')).toEqual(['والمدرسه', 'المدرسه', 'مدرسه']);
    expect(termForms('للمشاة')).toEqual(['للمشاه', 'مشاه']);
    expect(termForms('بالجسر')).toEqual(['بالجسر', 'الجسر', 'جسر']);
    expect(termForms('مصطفى')).toEqual(['مصطفي']);
    expect(termForms('جـــديد')).toEqual(['جديد']);
    expect(termForms('Harbour')).toEqual(['harbour']);
    // Too short to carry a clitic: kept whole.
    expect(termForms('وا')).toEqual(['وا']);
  });

  it('reads the text of an article from its bytes', () => {
    expect(articleText(BRIDGE.bytes, BRIDGE.record.source)).toContain('تدعيم الأساسات');
  });
});

describe('mirror keys', () => {
  it('files a dated record under its month and an undated one apart, by a hash of its key', () => {
    expect(mirrorKeyOf(BRIDGE.record)).toMatch(/^records\/month=2024-05\/[0-9a-f]{64}\.json$/);
    expect(mirrorKeyOf(UNDATED.record)).toMatch(/^undated\/[0-9a-f]{64}\.json$/);
  });

  it('moves a row whose date changed, deletes on a tombstone, and puts in place otherwise', () => {
    const moved = { ...BRIDGE.record, published: { value: '2019-01-01', source: 'metadata' as const } };
    expect(mirrorChange(BRIDGE.record, moved)).toEqual({ put: { key: mirrorKeyOf(moved), record: moved }, delete: mirrorKeyOf(BRIDGE.record) });
    expect(mirrorChange(BRIDGE.record, null)).toEqual({ put: null, delete: mirrorKeyOf(BRIDGE.record) });
    expect(mirrorChange(BRIDGE.record, BRIDGE.record).delete).toBeNull();
  });
});

describe('queries over the mirror, in DuckDB', () => {
  let dir: string;
  let engine: LocalRecordsEngine;
  beforeAll(async () => {
    dir = await mkdtemp(path.join(tmpdir(), 'dateline-mirror-'));
    for (const { record: r, bytes } of [BRIDGE, FERRY, UNDATED, EMPTY]) {
      const file = path.join(dir, `${mirrorKeyOf(r)}._S3rver_object`);
      await mkdir(path.dirname(file), { recursive: true });
      await writeFile(file, `${JSON.stringify(mirrorRowOf(r, r.status === 'ok' ? articleText(bytes, r.source) : ''))}\n`);
    }
    engine = createLocalRecordsEngine(dir);
  });
  afterAll(async () => {
    engine?.close();
    if (dir) await rm(dir, { recursive: true, force: true });
  });
  const keys = async (raw: Record<string, unknown>) => (await searchRecords(engine, parseSearchQuery(raw))).hits.map((h) => h.summary.key);

  it('finds body words in another spelling, with every filter', async () => {
    expect(await keys({ q: 'الاساسات' })).toEqual(['a/bridge.txt']);
    expect(await keys({ q: 'اساسات انارة', lang: 'ar', agency: 'سانا', status: 'ok', since: '2024', until: '2024-05' })).toEqual(['a/bridge.txt']);
    expect(await keys({ q: 'اساسات', until: '2023' })).toEqual([]);
    expect(await keys({ q: 'مياه' })).toEqual(['a/undated.txt']);
    expect(await keys({ q: 'مياه', since: '2000' })).toEqual([]);
    expect(await keys({ q: 'FERRY winter' })).toEqual(['a/ferry.txt']);
  });

  it('ranks a word of the title or lead above a word of the text, and pages', async () => {
    const both = record('a/bridge-2.txt', 'طرطوس – سانا\nناقش مجلس المدينة خطة للمشاة على الكورنيش.\nوتشمل الخطة جسراً صغيراً.', '2024-06-01');
    const file = path.join(dir, `${mirrorKeyOf(both.record)}._S3rver_object`);
    await mkdir(path.dirname(file), { recursive: true });
    await writeFile(file, `${JSON.stringify(mirrorRowOf(both.record, articleText(both.bytes, both.record.source)))}\n`);
    const page = await searchRecords(engine, parseSearchQuery({ q: 'مشاه', limit: 1 }));
    expect(page.hits.map((h) => h.summary.key)).toEqual(['a/bridge-2.txt']);
    const next = await searchRecords(engine, parseSearchQuery({ q: 'مشاه', limit: 1, cursor: page.cursor }));
    expect(next.hits.map((h) => h.summary.key)).toEqual(['a/bridge.txt']);
    expect(next.cursor).toBeNull();
    await rm(file);
  });

  it('counts by status, language, agency and month, and exports every record', async () => {
    const stats = await recordStats(engine, parseStatsQuery({}));
    expect(stats.total).toBe(4);
    expect(stats.byStatus).toEqual([{ value: 'ok', count: 3 }, { value: 'rejected', count: 1 }]);
    expect(stats.byMonth.map((c) => c.value)).toEqual(['undated', '2024-05', '2023-11']);
    expect(stats.byAgency).toContainEqual({ value: 'SANA', count: 2 });
    const exported: string[] = [];
    for await (const json of exportRecords(engine, parseExportQuery({}))) exported.push((JSON.parse(json) as ArticleRecord).source.key);
    expect(exported.sort()).toEqual(['a/bridge.txt', 'a/empty.txt', 'a/ferry.txt', 'a/undated.txt']);
    const rejected: string[] = [];
    for await (const json of exportRecords(engine, parseExportQuery({ status: 'rejected' }))) rejected.push(json);
    expect(rejected).toHaveLength(1);
  });

  it('keeps a cached copy in step with the rows it is told of', async () => {
    const cached = createLocalRecordsEngine(dir, { cached: true });
    try {
      const find = async (q: string) => (await searchRecords(cached, parseSearchQuery({ q }))).hits.map((h) => h.summary.key);
      expect(await find('اساسات')).toEqual(['a/bridge.txt']);
      const added = record('a/mill.txt', 'حماة – سانا\nأعيد تشغيل المطحنة القديمة بعد صيانة الأساسات.', '2024-07-01');
      const key = mirrorKeyOf(added.record);
      const file = path.join(dir, `${key}._S3rver_object`);
      await mkdir(path.dirname(file), { recursive: true });
      await writeFile(file, `${JSON.stringify(mirrorRowOf(added.record, articleText(added.bytes, added.record.source)))}\n`);
      expect(await find('مطحنه')).toEqual([]); // not told yet: the cache answers as it was
      cached.changed(key);
      expect(await find('مطحنه')).toEqual(['a/mill.txt']);
      await rm(file);
      cached.changed(key);
      expect(await find('مطحنه')).toEqual([]);
      expect(await find('اساسات')).toEqual(['a/bridge.txt']);
    } finally {
      cached.close();
    }
  });

  it('refuses a bad filter with a message naming it', () => {
    expect(() => parseSearchQuery({ q: 'x', status: 'maybe' })).toThrow(/status/);
    expect(() => parseSearchQuery({ q: '—' })).toThrow(/q: /);
    expect(() => parseExportQuery({ since: '2015-13' })).toThrow(/since/);
    expect(() => parseStatsQuery({ month: '2015-09' })).toThrow(/unknown parameter month/);
  });

  it('takes a parameter given empty (a form field left unset) as not given, as lists do', () => {
    expect(parseSearchQuery({ q: 'x', agency: '', lang: '', status: '', since: '', until: '' })).toEqual(parseSearchQuery({ q: 'x' }));
    expect(parseStatsQuery({ since: '', until: '' })).toEqual({});
  });
});

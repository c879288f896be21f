/**
 * Hand-built article records for the ingest tests (not produced by the extractor, so that the
 * mapping and fitting tests do not depend on it). The text is ours, written for these tests.
 */
import { ArticleRecord, SCHEMA_VERSION, recordId, type Entity } from '../../shared/record';

export function sampleRecord(overrides: Partial<ArticleRecord> & { key?: string; sequencer?: string | null } = {}): ArticleRecord {
  const { key = 'wires/2015/دمشق-سانا.txt', sequencer = '00560BDA9E1A2B3C4D', ...fields } = overrides;
  return ArticleRecord.parse({
    schemaVersion: SCHEMA_VERSION,
    id: recordId('dateline-test', key),
    status: 'ok',
    problems: [],
    source: {
      bucket: 'dateline-test',
      key,
      versionId: null,
      etag: '9b2cf535f27731c974343645a3985328',
      size: 1834,
      contentType: 'text/plain; charset=utf-8',
      sequencer,
      uploadedAt: '2015-10-02T08:15:00.000Z',
      metadata: {},
    },
    extractor: { version: 'test', extractedAt: '2024-01-05T10:00:00.000Z', durationMs: 3 },
    format: 'text',
    encoding: 'utf-8',
    language: { code: 'ar', confidence: 0.98, script: 'Arab', direction: 'rtl' },
    dateline: { raw: 'دمشق – سانا', place: 'دمشق', agency: 'سانا', agencyCode: 'SANA', date: null },
    title: 'افتتاح معرض الكتاب في دمشق',
    subheadings: [],
    lead: 'افتتح صباح اليوم معرض الكتاب السنوي في دمشق بمشاركة دور نشر من عدة دول.',
    published: { value: '2015-09-30', source: 'text' },
    stats: { paragraphs: 4, sentences: 9, words: 212, characters: 1180, readingMinutes: 1 },
    entities: {
      person: [{ name: 'سامر الخطيب', normalized: 'سامر الخطيب', aliases: ['الخطيب'], mentions: 3, role: 'مدير المعرض' }],
      organization: [{ name: 'وزارة الثقافة', normalized: 'وزاره الثقافه', aliases: [], mentions: 2 }],
      place: [{ name: 'دمشق', normalized: 'دمشق', aliases: [], mentions: 4 }],
    },
    quotes: [{ text: 'المعرض نافذة على العالم', speaker: 'سامر الخطيب', speakerType: 'person', verb: 'قال', paragraph: 2 }],
    dates: [{ text: 'الثلاثين من أيلول', value: '2015-09-30', precision: 'day', calendar: 'gregorian' }],
    keywords: [
      { term: 'معرض', score: 0.9 },
      { term: 'الكتاب', score: 0.7 },
    ],
    fingerprints: { sha256: 'a'.repeat(64), simhash: '0f0f0f0f0f0f0f0f' },
    duplicates: [],
    ...fields,
  });
}

/** `count` distinct people, the i-th mentioned `count - i` times, with names long enough to weigh. */
export function manyPeople(count: number): Entity[] {
  return Array.from({ length: count }, (_, i) => ({
    name: `شخص رقم ${i} من قائمة طويلة جدا`,
    normalized: `شخص رقم ${i} من قائمه طويله جدا`,
    aliases: [`رقم ${i}`],
    mentions: count - i,
  }));
}

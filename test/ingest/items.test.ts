import { describe, expect, it } from 'vitest';
import {
  fitRecord,
  indexAttributes,
  ITEM_BYTES_BUDGET,
  itemSizeBytes,
  itemToRecord,
  recordToItem,
  sortDateOf,
  tombstoneItem,
  toInstant,
  TOMBSTONE_TTL_SECONDS,
} from '../../shared/items';
import { normalizeSequencer } from '../../shared/s3-event';
import { TABLE } from '../../shared/table';
import { manyPeople, sampleRecord } from './records';

const utf8Bytes = (text: string) => new TextEncoder().encode(text).length;

describe('recordToItem', () => {
  it('keys the article by its S3 key and fills the three GSIs by month of publication', () => {
    const item = recordToItem(sampleRecord());
    expect(item).toMatchObject({
      pk: 'A#wires/2015/دمشق-سانا.txt',
      sk: 'A',
      agencyPk: 'AG#SANA#2015-09',
      languagePk: 'L#ar#2015-09',
      datePk: 'D#2015-09',
      agencySk: '2015-09-30T00:00:00.000Z#wires/2015/دمشق-سانا.txt',
      sequencer: normalizeSequencer('00560BDA9E1A2B3C4D'),
    });
    expect(item.languageSk).toBe(item.agencySk);
    expect(item.dateSk).toBe(item.agencySk);
  });

  it('names exactly the key attributes of shared/table.ts', () => {
    const item = recordToItem(sampleRecord()) as unknown as Record<string, unknown>;
    const keyNames = [TABLE.partitionKey, TABLE.sortKey, ...TABLE.globalSecondaryIndexes.flatMap((i) => [i.partitionKey, i.sortKey])].map((a) => a.name);
    for (const name of keyNames) expect(typeof item[name], name).toBe('string');
  });

  it('falls back to the agency name; without either the article stays out of byAgency (sparse)', () => {
    const named = sampleRecord({ dateline: { raw: 'لندن - أ ف ب', place: 'لندن', agency: 'أ ف ب', agencyCode: null, date: null } });
    expect(recordToItem(named).agencyPk).toBe('AG#أ ف ب#2015-09');
    const unnamed = recordToItem(sampleRecord({ dateline: null }));
    expect([unnamed.agencyPk, unnamed.agencySk, unnamed.languagePk]).toEqual([undefined, undefined, 'L#ar#2015-09']);
    const reuters = sampleRecord({ dateline: { raw: 'MOSCOW (Reuters) -', place: 'MOSCOW', agency: 'Reuters', agencyCode: 'Reuters', date: null } });
    expect(recordToItem(reuters).agencyPk).toBe('AG#REUTERS#2015-09');
  });

  it('sorts by publication, else upload, else extraction time, as UTC instants', () => {
    const base = sampleRecord();
    expect(sortDateOf(sampleRecord({ published: { value: '2015-09-30T23:30:00+03:00', source: 'metadata' } }))).toBe('2015-09-30T20:30:00.000Z');
    expect(sortDateOf(sampleRecord({ published: { value: '2015-09', source: 'text' } }))).toBe('2015-09-01T00:00:00.000Z');
    expect(sortDateOf(sampleRecord({ published: null }))).toBe('2015-10-02T08:15:00.000Z');
    expect(sortDateOf({ ...base, published: null, source: { ...base.source, uploadedAt: null } })).toBe('2024-01-05T10:00:00.000Z');
    expect(sortDateOf(sampleRecord({ published: { value: 'not a date', source: 'text' } }))).toBe('2015-10-02T08:15:00.000Z');
  });

  it.each([
    ['2015', '2015-01-01T00:00:00.000Z'],
    ['2015-02-28', '2015-02-28T00:00:00.000Z'],
    ['2015-09-30T10:00', '2015-09-30T10:00:00.000Z'],
    ['2015-02-30', null],
    ['2015-13', null],
    ['30/09/2015', null],
  ])('toInstant(%s) = %s', (value, instant) => {
    expect(toInstant(value)).toBe(instant);
  });

  it('cuts a GSI sort key to 1,024 bytes for a long Arabic key, without splitting a letter', () => {
    const key = `أرشيف/${'مقالة طويلة جدا '.repeat(40)}.txt`;
    expect(utf8Bytes(key)).toBeGreaterThan(1024);
    const { dateSk } = indexAttributes(sampleRecord({ key }));
    expect(utf8Bytes(dateSk)).toBeLessThanOrEqual(1024);
    expect(dateSk.startsWith('2015-09-30T00:00:00.000Z#أرشيف/')).toBe(true);
    expect(dateSk).not.toMatch(/\uFFFD/);
  });

  it('reads back the same record, dropping the table attributes', () => {
    const record = sampleRecord();
    expect(itemToRecord({ ...recordToItem(record) })).toEqual(record);
  });
});

describe('tombstoneItem', () => {
  it('has the article key, the sequencer, a TTL a week on, and no GSI attribute', () => {
    const item = tombstoneItem({ bucket: 'b', key: 'x.txt', sequencer: '0065E1A8C0A1B2C3D4', at: '2024-03-01T10:00:00.000Z' });
    expect(item).toEqual({
      pk: 'A#x.txt',
      sk: 'A',
      deleted: true,
      sequencer: normalizeSequencer('0065E1A8C0A1B2C3D4'),
      expiresAt: Date.parse('2024-03-01T10:00:00.000Z') / 1000 + TOMBSTONE_TTL_SECONDS,
      deletedAt: '2024-03-01T10:00:00.000Z',
      bucket: 'b',
      key: 'x.txt',
    });
    expect(itemToRecord({ ...item })).toBeNull();
  });
});

describe('itemSizeBytes', () => {
  it('counts names and strings in UTF-8 bytes, and lists and maps with their overhead', () => {
    expect(itemSizeBytes({ a: 'abc' })).toBe(1 + 3);
    expect(itemSizeBytes({ a: 'دمشق' })).toBe(1 + 8);
    expect(itemSizeBytes({ a: 'ok 📰' })).toBe(1 + 3 + 4);
    expect(itemSizeBytes({ a: true, b: null })).toBe(1 + 1 + 1 + 1);
    expect(itemSizeBytes({ l: ['ab', 'c'] })).toBe(1 + 3 + (1 + 2) + (1 + 1));
    expect(itemSizeBytes({ m: { k: 'v' } })).toBe(1 + 3 + 1 + (1 + 1));
    expect(itemSizeBytes({ n: 12345 })).toBe(1 + 4);
    expect(itemSizeBytes({ u: undefined, a: 'x' })).toBe(2);
  });
});

describe('fitRecord', () => {
  it('returns a record that fits unchanged', () => {
    const record = sampleRecord();
    expect(fitRecord(record)).toBe(record);
  });

  it('cuts 10,000 people down to what fits, keeps the most mentioned, and says so', () => {
    const people = manyPeople(10_000);
    const record = sampleRecord({ entities: { person: people, organization: [], place: [] } });
    expect(itemSizeBytes(recordToItem(record))).toBeGreaterThan(400 * 1024);

    const fitted = fitRecord(record);
    const size = itemSizeBytes(recordToItem(fitted));
    expect(size).toBeLessThanOrEqual(ITEM_BYTES_BUDGET);
    // It cut no more than needed: at least 90% of the budget is used.
    expect(size).toBeGreaterThan(ITEM_BYTES_BUDGET * 0.9);
    const kept = fitted.entities.person;
    expect(kept.length).toBeLessThan(people.length);
    expect(kept).toEqual(people.slice(0, kept.length)); // manyPeople lists them by mentions, highest first
    expect(fitted.truncated).toEqual({ 'entities.person': 10_000 });
    expect(fitted.problems).toContainEqual({ code: 'truncated', message: expect.stringContaining(`entities.person 10000 -> ${kept.length}`) });
    expect(fitted.status).toBe('ok');
  });

  it('keeps the best keywords in their original order', () => {
    const keywords = Array.from({ length: 30_000 }, (_, i) => ({ term: `كلمة-مفتاحية-${i}`, score: (i * 7919) % 1000 }));
    const fitted = fitRecord(sampleRecord({ keywords }));
    const kept = new Set(fitted.keywords.map((k) => k.term));
    expect(kept.size).toBeLessThan(keywords.length);
    const lowestKept = Math.min(...fitted.keywords.map((k) => k.score));
    const dropped = keywords.filter((k) => !kept.has(k.term));
    expect(Math.max(...dropped.map((k) => k.score))).toBeLessThanOrEqual(lowestKept);
    expect(fitted.keywords).toEqual(keywords.filter((k) => kept.has(k.term)));
  });

  it('spreads the cut over several long lists, the heaviest first', () => {
    const quotes = Array.from({ length: 3_000 }, (_, i) => ({ text: `نص الاقتباس رقم ${i} ${'كلام '.repeat(10)}`, speaker: null, speakerType: null, verb: 'قال', paragraph: i }));
    const dates = Array.from({ length: 3_000 }, (_, i) => ({ text: `اليوم ${i}`, value: '2015-09-30', precision: 'day' as const, calendar: 'gregorian' as const }));
    const fitted = fitRecord(sampleRecord({ quotes, dates, entities: { person: manyPeople(3_000), organization: [], place: [] } }));
    expect(itemSizeBytes(recordToItem(fitted))).toBeLessThanOrEqual(ITEM_BYTES_BUDGET);
    expect(Object.keys(fitted.truncated ?? {})).toEqual(expect.arrayContaining(['quotes']));
    expect(fitted.quotes.length).toBeGreaterThan(0);
  });

  it('cuts a monster lead when the lists alone cannot make room', () => {
    const lead = 'جملة طويلة '.repeat(40_000);
    const fitted = fitRecord(sampleRecord({ lead }));
    expect(itemSizeBytes(recordToItem(fitted))).toBeLessThanOrEqual(ITEM_BYTES_BUDGET);
    expect(fitted.truncated).toEqual({ lead: lead.length });
    expect(fitted.lead!.length).toBeLessThan(5_000);
  });
});

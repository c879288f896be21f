import { describe, expect, it } from 'vitest';
import { itemBytes, projectedItem, putCost, readUnits, unmarshallItem, writeUnits, type IndexShape } from '../../bench/lib/capacity';
import { itemSizeBytes } from '../../shared/items';

const byDate: IndexShape = { indexName: 'byDate', partitionKey: 'datePk', sortKey: 'dateSk', projection: { type: 'ALL' } };
const byDateKeysOnly: IndexShape = { ...byDate, projection: { type: 'KEYS_ONLY' } };

describe('DynamoDB capacity rules', () => {
  it('sizes names and strings in UTF-8 bytes, numbers by significant digits, containers with their overhead', () => {
    expect(itemBytes({ pk: 'A#x' })).toBe(2 + 3);
    // "سانا" is four Arabic letters, two bytes each in UTF-8.
    expect(itemBytes({ agency: 'سانا' })).toBe(6 + 8);
    // 12345 has five significant digits: 3 bytes + 1.
    expect(itemBytes({ n: 12345 })).toBe(1 + 4);
    expect(itemBytes({ n: 1_000_000 })).toBe(1 + 2);
    expect(itemBytes({ ok: true, none: null })).toBe(2 + 1 + 4 + 1);
    // A list: 3 bytes + 1 per element + the elements.
    expect(itemBytes({ l: ['ab', 'c'] })).toBe(1 + 3 + 1 + 2 + 1 + 1);
    // A map: 3 bytes + per entry 1 + name + value.
    expect(itemBytes({ m: { k: 'v' } })).toBe(1 + 3 + 1 + 1 + 1);
  });

  it('agrees with the size estimate the product uses to fit records (shared/items.ts)', () => {
    const item = { pk: 'A#دمشق/خبر.txt', sk: 'A', stats: { words: 512, readingMinutes: 2.5 }, entities: { place: [{ name: 'دمشق', mentions: 3 }] }, deleted: false };
    expect(itemBytes(item)).toBe(itemSizeBytes(item));
  });

  it('reads AttributeValue maps the way the low-level client sends them', () => {
    const plain = unmarshallItem({ pk: { S: 'A#k' }, n: { N: '42' }, l: { L: [{ S: 'x' }, { BOOL: true }] }, m: { M: { a: { NULL: true } } } });
    expect(plain).toEqual({ pk: 'A#k', n: 42, l: ['x', true], m: { a: null } });
  });

  it('charges a write unit per started KB and a read unit per started 4 KB, half when eventually consistent', () => {
    expect(writeUnits(0)).toBe(1);
    expect(writeUnits(1024)).toBe(1);
    expect(writeUnits(1025)).toBe(2);
    expect(readUnits(4096, true)).toBe(1);
    expect(readUnits(4097, true)).toBe(2);
    expect(readUnits(4097, false)).toBe(1);
    expect(readUnits(0, false)).toBe(0.5);
  });

  it('charges a GSI write only for items carrying both of its keys, at the projected size', () => {
    const big = { pk: 'A#k', sk: 'A', datePk: 'D#2015-09', dateSk: '2015-09-30#k', text: 'x'.repeat(3000) };
    const withAll = putCost(big, [byDate], ['pk', 'sk']);
    expect(withAll.tableUnits).toBe(3);
    expect(withAll.indexUnits).toBe(3);
    expect(withAll.indexes).toEqual(['byDate']);
    expect(putCost(big, [byDateKeysOnly], ['pk', 'sk']).indexUnits).toBe(1);
    expect(projectedItem(big, byDateKeysOnly, ['pk', 'sk'])).toEqual({ pk: 'A#k', sk: 'A', datePk: 'D#2015-09', dateSk: '2015-09-30#k' });

    const entityItem = { pk: 'E#place#دمشق#2015-09', sk: '2015-09-30#k' };
    expect(putCost(entityItem, [byDate], ['pk', 'sk'])).toMatchObject({ tableUnits: 1, indexUnits: 0, indexes: [] });
  });
});

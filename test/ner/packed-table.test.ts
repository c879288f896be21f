import { describe, expect, it } from 'vitest';
import { namePrefixTest, PackedTable } from '../../shared/ner/packed-table';

const ENTRIES: [string, string][] = [
  ['عبد الله', 'PERS:h'],
  ['عبد', 'PERS:l'],
  ['New York', 'LOC:h'],
  ['New York City', 'LOC:h'],
  ['Newton', 'PER:l'],
  ['a', 'O:h'],
];

describe('PackedTable', () => {
  const map = new Map(ENTRIES);
  const table = PackedTable.from(ENTRIES);

  it('answers get and has as the map it was made from', () => {
    for (const key of [...map.keys(), 'New', 'New York Cit', 'عب', 'عبد الل', '', 'b', 'zzz', 'New York City!']) {
      expect(table.get(key), key).toBe(map.get(key));
      expect(table.has(key), key).toBe(map.has(key));
    }
    expect(table.size).toBe(map.size);
    expect(new Map(table)).toEqual(map);
  });

  it('tells listed names cut before a space, as a set of such prefixes would', () => {
    const packed = namePrefixTest(table);
    const fromMap = namePrefixTest(map);
    for (const key of ['New', 'New York', 'Newton', 'عبد', 'عب', 'a', '', 'New York City']) expect(packed(key), key).toBe(fromMap(key));
    expect(packed('New York')).toBe(true);
    expect(packed('Newton')).toBe(false);
  });

  it('refuses a key with a newline, which would cut the key text', () => {
    expect(() => PackedTable.from([['a\nb', 'O:h']])).toThrow(/newline/);
  });
});

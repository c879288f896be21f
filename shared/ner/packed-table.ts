// A read-only string table (the gazetteer's names and words) kept the way a model file stores it:
// the keys sorted by UTF-16 code units in one text, each ended by a newline, where each key
// starts, and per key the index of its value among the table's few distinct values. Loading one
// builds no strings and no map (a cold Lambda paid 30-45 ms for the maps); a lookup is a binary
// search that compares characters in place, and the tagger caches what it looks up per word.

export class PackedTable implements ReadonlyMap<string, string> {
  /**
   * `keyText`: the keys, sorted, each followed by a newline; `starts[i]` where key i starts (and
   * `starts[size]` the text's length); `codes[i]` the index of key i's value in `valueList`.
   */
  constructor(
    readonly keyText: string,
    readonly starts: Uint32Array,
    readonly codes: Uint8Array,
    readonly valueList: readonly string[],
  ) {
    if (starts.length !== codes.length + 1 || starts[codes.length] !== keyText.length) throw new Error('packed table: starts and codes do not match the keys');
  }

  static from(entries: Iterable<readonly [string, string]>): PackedTable {
    const sorted = [...entries].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
    const valueList = [...new Set(sorted.map(([, value]) => value))].sort();
    if (valueList.length > 256) throw new Error('packed table: more than 256 distinct values');
    const starts = new Uint32Array(sorted.length + 1);
    let at = 0;
    sorted.forEach(([key], i) => {
      if (key.includes('\n')) throw new Error(`packed table: key ${JSON.stringify(key)} holds a newline`);
      if (i > 0 && key === sorted[i - 1]![0]) throw new Error(`packed table: key ${JSON.stringify(key)} twice`);
      starts[i] = at;
      at += key.length + 1;
    });
    starts[sorted.length] = at;
    const codes = Uint8Array.from(sorted, ([, value]) => valueList.indexOf(value));
    return new PackedTable(sorted.map(([key]) => `${key}\n`).join(''), starts, codes, valueList);
  }

  get size(): number {
    return this.codes.length;
  }

  /** Sign of (key i) - `text`, or of its first `text.length` characters with `prefixOnly`. */
  private compare(i: number, text: string, prefixOnly: boolean): number {
    const start = this.starts[i]!;
    const length = this.starts[i + 1]! - 1 - start;
    const common = Math.min(length, text.length);
    for (let k = 0; k < common; k++) {
      const difference = this.keyText.charCodeAt(start + k) - text.charCodeAt(k);
      if (difference !== 0) return difference;
    }
    return prefixOnly && length >= text.length ? 0 : length - text.length;
  }

  /** The first key not below `text` (its first `text.length` characters with `prefixOnly`). */
  private lowerBound(text: string, prefixOnly: boolean): number {
    let low = 0;
    let high = this.codes.length;
    while (low < high) {
      const mid = (low + high) >>> 1;
      if (this.compare(mid, text, prefixOnly) < 0) low = mid + 1;
      else high = mid;
    }
    return low;
  }

  private indexOf(key: string): number {
    const i = this.lowerBound(key, false);
    return i < this.codes.length && this.compare(i, key, false) === 0 ? i : -1;
  }

  get(key: string): string | undefined {
    const i = this.indexOf(key);
    return i < 0 ? undefined : this.valueList[this.codes[i]!];
  }

  has(key: string): boolean {
    return this.indexOf(key) >= 0;
  }

  /** Whether some key starts with `prefix`. */
  hasKeyStartingWith(prefix: string): boolean {
    const i = this.lowerBound(prefix, true);
    return i < this.codes.length && this.compare(i, prefix, true) === 0;
  }

  private keyAt(i: number): string {
    return this.keyText.slice(this.starts[i]!, this.starts[i + 1]! - 1);
  }

  *entries(): MapIterator<[string, string]> {
    for (let i = 0; i < this.codes.length; i++) yield [this.keyAt(i), this.valueList[this.codes[i]!]!];
  }

  *keys(): MapIterator<string> {
    for (let i = 0; i < this.codes.length; i++) yield this.keyAt(i);
  }

  *values(): MapIterator<string> {
    for (let i = 0; i < this.codes.length; i++) yield this.valueList[this.codes[i]!]!;
  }

  [Symbol.iterator](): MapIterator<[string, string]> {
    return this.entries();
  }

  forEach(callback: (value: string, key: string, map: ReadonlyMap<string, string>) => void, thisArg?: unknown): void {
    for (const [key, value] of this.entries()) callback.call(thisArg, value, key, this);
  }
}

/**
 * Whether a key is a listed name cut before one of its spaces (so a longer name may start there):
 * asked of a packed table in place, of a map (a model just trained) through a set built once.
 */
export function namePrefixTest(names: ReadonlyMap<string, string>): (key: string) => boolean {
  if (names instanceof PackedTable) return (key) => key !== '' && names.hasKeyStartingWith(`${key} `);
  const prefixes = new Set<string>();
  for (const name of names.keys()) {
    for (let at = name.indexOf(' '); at > 0; at = name.indexOf(' ', at + 1)) prefixes.add(name.slice(0, at));
  }
  return (key) => prefixes.has(key);
}

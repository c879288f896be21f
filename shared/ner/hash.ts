// Feature names as pairs of 32-bit hashes, computed incrementally over the parts of a name, so
// that the tagger looks a feature up without ever building its string. The two hashes are
// independent (FNV-1a and a multiply-xorshift mix over the same UTF-16 code units): a name the
// model does not know passes for one it knows with odds of about features / 2^64 per lookup.
// Model files keep only the pairs, grouped by bucket (FeatureIndex); quantiseStage refuses a
// model in which two features share one.

export interface HashState {
  readonly a: number;
  readonly b: number;
}

const FNV_OFFSET = 0x811c9dc5 | 0;
const FNV_PRIME = 0x01000193;
const MIX_SEED = 0x9747b28c | 0;
const MIX_MULTIPLIER = 0x5bd1e995;

/** A running hash: start it from a prefix's state, then add the parts of the name in order. */
export class FeatureHasher {
  a = FNV_OFFSET;
  b = MIX_SEED;

  from(state: HashState): this {
    this.a = state.a;
    this.b = state.b;
    return this;
  }

  add(text: string): this {
    let a = this.a;
    let b = this.b;
    for (let i = 0; i < text.length; i++) {
      const c = text.charCodeAt(i);
      a = Math.imul(a ^ c, FNV_PRIME);
      b = Math.imul(b ^ c, MIX_MULTIPLIER);
      b ^= b >>> 13;
    }
    this.a = a;
    this.b = b;
    return this;
  }
}

const EMPTY: HashState = { a: FNV_OFFSET, b: MIX_SEED };

/** The state after hashing `text` from scratch (a whole name, or the constant prefix of a template). */
export function hashOf(text: string): HashState {
  const hasher = new FeatureHasher().from(EMPTY).add(text);
  return { a: hasher.a, b: hasher.b };
}

/** The buckets of a stage's feature index: 2^bits of them, at least one per feature. */
export function bucketBitsFor(features: number): number {
  let bits = 4;
  while (1 << bits < features) bits++;
  return bits;
}

const bucketOf = (a: number, shift: number): number => Math.imul(a, 0x9e3779b1) >>> shift;

/**
 * Where each feature goes in a stage laid out for FeatureIndex: `order[i]` is the row that
 * becomes row i (rows grouped by bucket, in their old order within one), `buckets[k]` the first
 * row of bucket k (`buckets[2^bits]` = the feature count). A model file stores the stage in this
 * order with `buckets`, so loading builds no table.
 */
export function bucketOrder(keysA: Int32Array, bits: number): { order: Int32Array; buckets: Uint32Array } {
  const shift = 32 - bits;
  const buckets = new Uint32Array((1 << bits) + 1);
  for (let row = 0; row < keysA.length; row++) buckets[bucketOf(keysA[row]!, shift) + 1]!++;
  for (let k = 1; k < buckets.length; k++) buckets[k]! += buckets[k - 1]!;
  const next = buckets.slice(0, -1);
  const order = new Int32Array(keysA.length);
  for (let row = 0; row < keysA.length; row++) order[next[bucketOf(keysA[row]!, shift)]!++] = row;
  return { order, buckets };
}

/**
 * From a feature's hash pair to its row: the rows are grouped by bucket (bucketOrder), so a lookup
 * reads the bucket's bounds and compares its few rows (at most one per bucket on average).
 */
export class FeatureIndex {
  private readonly shift: number;

  constructor(
    private readonly keysA: Int32Array,
    private readonly keysB: Int32Array,
    private readonly buckets: Uint32Array,
  ) {
    const bits = Math.log2(buckets.length - 1);
    if (!Number.isInteger(bits) || bits < 1 || bits > 31) throw new Error(`a feature index needs 2^bits + 1 bucket starts, got ${buckets.length}`);
    if (buckets[buckets.length - 1] !== keysA.length) throw new Error(`bucket starts end at ${buckets[buckets.length - 1]}, not at the ${keysA.length} features`);
    this.shift = 32 - bits;
  }

  /** Row of the feature with hashes (a, b), or -1 when the model does not know it. */
  row(a: number, b: number): number {
    const bucket = bucketOf(a, this.shift);
    const end = this.buckets[bucket + 1]!;
    for (let row = this.buckets[bucket]!; row < end; row++) {
      if (this.keysA[row] === a && this.keysB[row] === b) return row;
    }
    return -1;
  }
}

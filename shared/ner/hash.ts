// Feature names as pairs of 32-bit hashes, computed incrementally over the parts of a name, so
// that the tagger looks a feature up without ever building its string. The two hashes are
// independent (FNV-1a and a multiply-xorshift mix over the same UTF-16 code units): a name the
// model does not know passes for one it knows with odds of about features / 2^64 per lookup.
// Model files keep only the pairs; encodeModel refuses a model in which two features share one.

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

/**
 * Open-addressing table from a feature's hash pair to its row. Built once per model stage from
 * the stored pairs (the rows keep their file order); at most half full, so probes stay short.
 */
export class FeatureIndex {
  private readonly slots: Int32Array;
  private readonly shift: number;

  constructor(
    private readonly keysA: Int32Array,
    private readonly keysB: Int32Array,
  ) {
    let bits = 4;
    while (1 << bits < keysA.length * 2) bits++;
    this.slots = new Int32Array(1 << bits).fill(-1);
    this.shift = 32 - bits;
    const mask = (1 << bits) - 1;
    for (let row = 0; row < keysA.length; row++) {
      let slot = Math.imul(keysA[row]!, 0x9e3779b1) >>> this.shift;
      while (this.slots[slot] !== -1) slot = (slot + 1) & mask;
      this.slots[slot] = row;
    }
  }

  /** Row of the feature with hashes (a, b), or -1 when the model does not know it. */
  row(a: number, b: number): number {
    const slots = this.slots;
    const mask = slots.length - 1;
    let slot = Math.imul(a, 0x9e3779b1) >>> this.shift;
    for (;;) {
      const row = slots[slot]!;
      if (row === -1) return -1;
      if (this.keysA[row] === a && this.keysB[row] === b) return row;
      slot = (slot + 1) & mask;
    }
  }
}

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

/** The hash pairs of one stage's features, in row order. */
export interface FeatureKeys {
  readonly keysA: Int32Array;
  readonly keysB: Int32Array;
}

/**
 * Open-addressing table from a feature's hash pair to its row in each of a model's stages. Built
 * once per model from the stored pairs (the rows keep their file order). A slot holds the pair and the rows side by side, so one lookup for all
 * stages touches one cache line. Rows are kept plus one, so that a fresh (zeroed) table is empty
 * without a pass to fill it.
 */
export class FeatureIndex {
  /** per slot: hash A, hash B, then 1 + the row in each stage (0 when the stage lacks it; all 0: an empty slot) */
  readonly slots: Int32Array;
  readonly stride: number;
  private readonly shift: number;

  constructor(stages: readonly FeatureKeys[]) {
    let total = 0;
    for (const stage of stages) total += stage.keysA.length;
    // A later stage repeats most of an earlier one's features (about 60% of the pairs are
    // distinct): about half full, and under 0.8 full even if the stages shared none. Memory is
    // the load time here (each page of a fresh table costs a fault), so no roomier.
    let bits = 4;
    while (1 << bits < total * 1.25) bits++;
    const stride = 2 + stages.length;
    const slots = new Int32Array(stride << bits);
    const shift = 32 - bits;
    // One probe per feature: it ends on the pair (an earlier stage has it) or on a free slot.
    for (let s = 0; s < stages.length; s++) {
      const { keysA, keysB } = stages[s]!;
      for (let row = 0; row < keysA.length; row++) {
        const a = keysA[row]!;
        const b = keysB[row]!;
        let at = (Math.imul(a, 0x9e3779b1) >>> shift) * stride;
        for (;;) {
          // Free: no row of this stage or an earlier one (later stages come later).
          let free = true;
          for (let k = 2; k <= 2 + s; k++) if (slots[at + k] !== 0) free = false;
          if (free || (slots[at] === a && slots[at + 1] === b)) break;
          at += stride;
          if (at === slots.length) at = 0;
        }
        slots[at] = a;
        slots[at + 1] = b;
        slots[at + 2 + s] = row + 1;
      }
    }
    this.slots = slots;
    this.stride = stride;
    this.shift = shift;
  }

  /**
   * Offset in `slots` of the feature with hashes (a, b), or -1 when no stage knows it; its row
   * in stage s is `slots[offset + 2 + s] - 1` (-1 when that stage lacks it).
   */
  find(a: number, b: number): number {
    const slots = this.slots;
    const stride = this.stride;
    let at = (Math.imul(a, 0x9e3779b1) >>> this.shift) * stride;
    for (;;) {
      let free = true;
      for (let k = 2; k < stride; k++) if (slots[at + k] !== 0) free = false;
      if (free) return -1;
      if (slots[at] === a && slots[at + 1] === b) return at;
      at += stride;
      if (at === slots.length) at = 0;
    }
  }

  /** Row of the feature with hashes (a, b) in stage `stage`, or -1 when that stage does not know it. */
  row(a: number, b: number, stage = 0): number {
    const at = this.find(a, b);
    return at < 0 ? -1 : this.slots[at + 2 + stage]! - 1;
  }
}

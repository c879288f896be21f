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
 * Open-addressing table from a feature's hash pair to its row in each of a model's stages (-1
 * where a stage lacks it). Built once per model from the stored pairs (the rows keep their file
 * order); at most half full, so probes stay short. A slot holds the pair and the rows side by
 * side, so one lookup for all stages touches one cache line.
 */
export class FeatureIndex {
  /** per slot: hash A, hash B, then the row in each stage (-1 when absent); an empty slot has no row at all */
  readonly slots: Int32Array;
  readonly stride: number;
  private readonly shift: number;
  private readonly mask: number;

  constructor(stages: readonly FeatureKeys[]) {
    let distinct = 0;
    for (const stage of stages) distinct += stage.keysA.length;
    let bits = 4;
    while (1 << bits < distinct * 2) bits++;
    this.stride = 2 + stages.length;
    this.slots = new Int32Array(this.stride << bits).fill(-1);
    this.shift = 32 - bits;
    this.mask = (1 << bits) - 1;
    stages.forEach(({ keysA, keysB }, s) => {
      for (let row = 0; row < keysA.length; row++) {
        const a = keysA[row]!;
        const b = keysB[row]!;
        let at = this.find(a, b);
        if (at < 0) {
          let slot = Math.imul(a, 0x9e3779b1) >>> this.shift;
          while (!this.empty(slot * this.stride)) slot = (slot + 1) & this.mask;
          at = slot * this.stride;
          this.slots[at] = a;
          this.slots[at + 1] = b;
        }
        this.slots[at + 2 + s] = row;
      }
    });
  }

  private empty(at: number): boolean {
    for (let k = 2; k < this.stride; k++) if (this.slots[at + k] !== -1) return false;
    return true;
  }

  /** Offset in `slots` of the feature with hashes (a, b) (its rows follow the pair), or -1 when no stage knows it. */
  find(a: number, b: number): number {
    const slots = this.slots;
    const stride = this.stride;
    let slot = Math.imul(a, 0x9e3779b1) >>> this.shift;
    for (;;) {
      const at = slot * stride;
      if (slots[at] === a && slots[at + 1] === b && !this.empty(at)) return at;
      if (this.empty(at)) return -1;
      slot = (slot + 1) & this.mask;
    }
  }

  /** Row of the feature with hashes (a, b) in stage `stage`, or -1 when that stage does not know it. */
  row(a: number, b: number, stage = 0): number {
    const at = this.find(a, b);
    return at < 0 ? -1 : this.slots[at + 2 + stage]!;
  }
}

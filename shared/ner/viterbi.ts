// Best label sequence under a first-order model: per-token label scores plus label-bigram
// scores, with forbidden transitions (malformed BILOU) excluded.

export interface TransitionTable {
  labelCount: number;
  /** (labelCount + 1) x labelCount; row labelCount is the sentence start */
  scores: Float32Array | Float64Array;
  /** same layout: 1 where the transition is allowed */
  allowed: Uint8Array;
  /** labelCount: 1 where a sentence may end on that label */
  allowedEnd: Uint8Array;
}

/** `emissions` holds tokens x labelCount scores, row-major. Returns one label index per token. */
export function viterbi(emissions: Float64Array, tokenCount: number, table: TransitionTable): Int32Array {
  const L = table.labelCount;
  const path = new Int32Array(tokenCount);
  if (tokenCount === 0) return path;
  const { scores, allowed, allowedEnd } = table;
  const best = new Float64Array(tokenCount * L).fill(-Infinity);
  const back = new Int32Array(tokenCount * L);
  const startRow = L * L;
  for (let y = 0; y < L; y++) {
    if (allowed[startRow + y]) best[y] = scores[startRow + y]! + emissions[y]!;
  }
  for (let i = 1; i < tokenCount; i++) {
    const previous = (i - 1) * L;
    const here = i * L;
    for (let y = 0; y < L; y++) {
      // Ties go to the lowest previous label.
      let top = -Infinity;
      let arg = 0;
      for (let p = 0; p < L; p++) {
        if (!allowed[p * L + y]) continue;
        const score = best[previous + p]! + scores[p * L + y]!;
        if (score > top) {
          top = score;
          arg = p;
        }
      }
      best[here + y] = top + emissions[here + y]!;
      back[here + y] = arg;
    }
  }
  let last = 0;
  let top = -Infinity;
  const lastRow = (tokenCount - 1) * L;
  for (let y = 0; y < L; y++) {
    const score = best[lastRow + y]!;
    if (allowedEnd[y] && score > top) {
      top = score;
      last = y;
    }
  }
  path[tokenCount - 1] = last;
  for (let i = tokenCount - 1; i > 0; i--) path[i - 1] = back[i * L + path[i]!]!;
  return path;
}

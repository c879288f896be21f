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
  const best = new Float64Array(tokenCount * L).fill(-Infinity);
  const back = new Int32Array(tokenCount * L);
  const startRow = L * L;
  for (let y = 0; y < L; y++) {
    if (table.allowed[startRow + y]) best[y] = (table.scores[startRow + y] ?? 0) + (emissions[y] ?? 0);
  }
  for (let i = 1; i < tokenCount; i++) {
    for (let y = 0; y < L; y++) {
      let top = -Infinity;
      let arg = 0;
      for (let p = 0; p < L; p++) {
        if (!table.allowed[p * L + y]) continue;
        const score = (best[(i - 1) * L + p] ?? -Infinity) + (table.scores[p * L + y] ?? 0);
        if (score > top) [top, arg] = [score, p];
      }
      best[i * L + y] = top + (emissions[i * L + y] ?? 0);
      back[i * L + y] = arg;
    }
  }
  let last = 0;
  let top = -Infinity;
  for (let y = 0; y < L; y++) {
    const score = best[(tokenCount - 1) * L + y] ?? -Infinity;
    if (table.allowedEnd[y] && score > top) [top, last] = [score, y];
  }
  path[tokenCount - 1] = last;
  for (let i = tokenCount - 1; i > 0; i--) path[i - 1] = back[i * L + (path[i] ?? 0)] ?? 0;
  return path;
}

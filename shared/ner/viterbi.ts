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

/**
 * Per label, the previous labels allowed before it, lowest first (a CSR layout): BILOU allows
 * few transitions, so the inner loop visits those only. Kept per `allowed` array.
 */
interface Predecessors {
  offsets: Int32Array;
  labels: Int32Array;
}
const predecessorsOf = new WeakMap<Uint8Array, Predecessors>();

function predecessors(allowed: Uint8Array, L: number): Predecessors {
  let known = predecessorsOf.get(allowed);
  if (known) return known;
  const offsets = new Int32Array(L + 1);
  const labels: number[] = [];
  for (let y = 0; y < L; y++) {
    offsets[y] = labels.length;
    for (let p = 0; p < L; p++) if (allowed[p * L + y]) labels.push(p);
  }
  offsets[L] = labels.length;
  known = { offsets, labels: Int32Array.from(labels) };
  predecessorsOf.set(allowed, known);
  return known;
}

/**
 * The decoder's work tables, reused from call to call (grown as needed): every cell a call
 * reads it has written first, except the first token's, which it resets.
 */
let bestScratch = new Float64Array(0);
let backScratch = new Int32Array(0);

/** `emissions` holds tokens x labelCount scores, row-major. Returns one label index per token. */
export function viterbi(emissions: Float64Array, tokenCount: number, table: TransitionTable): Int32Array {
  const L = table.labelCount;
  const path = new Int32Array(tokenCount);
  if (tokenCount === 0) return path;
  const { scores, allowed, allowedEnd } = table;
  if (bestScratch.length < tokenCount * L) {
    const size = Math.max(tokenCount * L, 2 * bestScratch.length);
    bestScratch = new Float64Array(size);
    backScratch = new Int32Array(size);
  }
  const best = bestScratch;
  const back = backScratch;
  best.fill(-Infinity, 0, L);
  const startRow = L * L;
  const from = predecessors(allowed, L);
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
      for (let k = from.offsets[y]!; k < from.offsets[y + 1]!; k++) {
        const p = from.labels[k]!;
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

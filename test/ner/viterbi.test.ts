import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { viterbi, type TransitionTable } from '../../shared/ner/viterbi';

function table(L: number, scores: number[], allowed?: number[], allowedEnd?: number[]): TransitionTable {
  return {
    labelCount: L,
    scores: Float64Array.from(scores),
    allowed: Uint8Array.from(allowed ?? scores.map(() => 1)),
    allowedEnd: Uint8Array.from(allowedEnd ?? new Array<number>(L).fill(1)),
  };
}

function pathScore(path: number[], emissions: number[], t: TransitionTable): number {
  const L = t.labelCount;
  let score = 0;
  path.forEach((y, i) => {
    const previous = i === 0 ? L : path[i - 1]!;
    if (!t.allowed[previous * L + y]) score = -Infinity;
    score += t.scores[previous * L + y]! + emissions[i * L + y]!;
  });
  return t.allowedEnd[path.at(-1)!] ? score : -Infinity;
}

function allPaths(n: number, L: number): number[][] {
  if (n === 0) return [[]];
  return allPaths(n - 1, L).flatMap((p) => Array.from({ length: L }, (_, y) => [...p, y]));
}

describe('viterbi', () => {
  it('prefers the best whole path over the best label per token', () => {
    // Labels A=0, B=1. Token-wise A then B looks best, but A->B costs 5.
    const t = table(2, [0, -5, 0, 0, 0, 0]);
    const emissions = [2, 1.9, 0, 1];
    expect(Array.from(viterbi(Float64Array.from(emissions), 2, t))).toEqual([1, 1]);
  });

  it('never takes a forbidden transition or ends on a forbidden label', () => {
    // Label 1 may not follow the start, and no sentence may end on label 0.
    const t = table(2, [0, 0, 0, 0, 0, 0], [1, 1, 1, 1, 1, 0], [0, 1]);
    expect(Array.from(viterbi(Float64Array.from([0, 9, 9, 0]), 2, t))).toEqual([0, 1]);
  });

  it('matches brute force on random small models', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 1, max: 4 }),
        fc.integer({ min: 2, max: 3 }),
        fc.array(fc.integer({ min: -20, max: 20 }), { minLength: 12 + 16, maxLength: 12 + 16 }),
        fc.array(fc.boolean(), { minLength: 12, maxLength: 12 }),
        (n, L, numbers, forbid) => {
          const scores = numbers.slice(0, (L + 1) * L);
          const allowed = scores.map((_, i) => (forbid[i] && i % (L + 1) !== 0 && i !== L * L ? 0 : 1)); // keep start->0 and self-loops legal
          const t = table(L, scores, allowed);
          const emissions = numbers.slice(12, 12 + n * L);
          const best = Math.max(...allPaths(n, L).map((p) => pathScore(p, emissions, t)));
          const found = Array.from(viterbi(Float64Array.from(emissions), n, t));
          expect(pathScore(found, emissions, t)).toBe(best);
        },
      ),
      { numRuns: 300, seed: 7 },
    );
  });
});

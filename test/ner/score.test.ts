import { describe, expect, it } from 'vitest';
import { scoreSentences } from '../../shared/ner/score';

describe('scoreSentences', () => {
  it('counts exact spans of PERS/ORG/LOC only, PER as PERS, MISC ignored', () => {
    const score = scoreSentences([
      { gold: ['B-PER', 'I-PER', 'O', 'B-LOC', 'B-MISC'], predicted: ['B-PERS', 'I-PERS', 'O', 'B-ORG', 'O'] },
      { gold: ['B-ORG', 'I-ORG'], predicted: ['B-ORG', 'O'] },
    ]);
    // gold: PERS, LOC, ORG (3); predicted: PERS, ORG, ORG (3); correct: PERS only.
    expect(score.p).toBeCloseTo(100 / 3);
    expect(score.r).toBeCloseTo(100 / 3);
    expect(score.byType.PERS.f1).toBe(100);
    expect(score.byType.LOC).toEqual({ p: 0, r: 0, f1: 0, gold: 1 });
  });
});

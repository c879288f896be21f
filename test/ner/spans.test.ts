import { describe, expect, it } from 'vitest';
import { bilouAllowed, bilouToSpans, iobToBilou, iobToSpans, spansToIob } from '../../shared/ner/spans';

describe('spans', () => {
  it('reads IOB2 like conlleval: a stray I- starts an entity, a type change ends one', () => {
    expect(iobToSpans(['I-LOC', 'I-LOC', 'O', 'B-PER', 'I-ORG', 'B-ORG', 'B-ORG'])).toEqual([
      { type: 'LOC', start: 0, end: 1 },
      { type: 'PER', start: 3, end: 3 },
      { type: 'ORG', start: 4, end: 4 },
      { type: 'ORG', start: 5, end: 5 },
      { type: 'ORG', start: 6, end: 6 },
    ]);
  });

  it('converts IOB2 to BILOU and back without losing spans', () => {
    const iob = ['B-PERS', 'I-PERS', 'I-PERS', 'O', 'B-LOC', 'B-ORG', 'I-ORG'];
    const bilou = iobToBilou(iob);
    expect(bilou).toEqual(['B-PERS', 'I-PERS', 'L-PERS', 'O', 'U-LOC', 'B-ORG', 'L-ORG']);
    expect(spansToIob(bilouToSpans(bilou), iob.length)).toEqual(iob);
  });

  it('allows only well-formed BILOU transitions', () => {
    expect(bilouAllowed('', 'B-LOC')).toBe(true);
    expect(bilouAllowed('', 'I-LOC')).toBe(false);
    expect(bilouAllowed('B-LOC', 'L-LOC')).toBe(true);
    expect(bilouAllowed('B-LOC', 'L-ORG')).toBe(false);
    expect(bilouAllowed('I-LOC', 'O')).toBe(false);
    expect(bilouAllowed('U-LOC', 'U-LOC')).toBe(true);
    expect(bilouAllowed('B-LOC', '')).toBe(false);
  });
});

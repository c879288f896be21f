import { describe, expect, it } from 'vitest';
import { mean, median, quantile } from '../../bench/lib/stats';

describe('bench statistics', () => {
  it('takes medians and interpolated quantiles without reordering the input', () => {
    const values = [5, 1, 4, 2, 3];
    expect(median(values)).toBe(3);
    expect(median([1, 2, 3, 4])).toBe(2.5);
    expect(quantile([0, 10], 0.95)).toBeCloseTo(9.5);
    expect(mean(values)).toBe(3);
    expect(values).toEqual([5, 1, 4, 2, 3]);
  });

  it('says NaN, not zero, for a figure with no samples', () => {
    expect(median([])).toBeNaN();
    expect(mean([])).toBeNaN();
  });
});

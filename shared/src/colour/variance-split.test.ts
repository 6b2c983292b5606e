import { describe, expect, it } from 'vitest';
import { varianceSplitSeeds } from './variance-split';

const POINTS = Float32Array.from([0, 0, 0, 1, 0, 0, 50, 0, 0, 51, 0, 0, 100, 0, 0]);
const WEIGHTS = Float64Array.from([1, 1, 1, 1, 4]);

describe('varianceSplitSeeds', () => {
  it('when k groups are asked for, then the widest groups are cut first and their weighted means come back', () => {
    for (const axis of ['widest', 'principal'] as const) {
      const seeds = varianceSplitSeeds(POINTS, WEIGHTS, 3, axis);
      const ls = Array.from({ length: 3 }, (_, i) => seeds[i * 3]!).sort((a, b) => a - b);
      expect(ls).toEqual([0.5, 50.5, 100]);
    }
  });

  it('when the points hold fewer distinct colours than k, then one seed per colour comes back', () => {
    expect(varianceSplitSeeds(POINTS, WEIGHTS, 9, 'widest')).toHaveLength(15);
  });
});

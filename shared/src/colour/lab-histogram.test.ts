import { describe, expect, it } from 'vitest';
import { labHistogram, thinned } from './lab-histogram';

describe('labHistogram', () => {
  it('when samples repeat colours, then each distinct colour comes once with its count, in first-seen order', () => {
    const samples = Float32Array.from([50, 1, 2, 20, 0, 0, 50, 1, 2, 50, 1, 2.5, 20, 0, 0]);
    const { lab, weights } = labHistogram(samples);
    expect([...lab]).toEqual([50, 1, 2, 20, 0, 0, 50, 1, 2.5]);
    expect([...weights]).toEqual([2, 2, 1]);
  });

  it('when a histogram is thinned, then every n-th colour is kept with its weight', () => {
    const histogram = {
      lab: Float32Array.from({ length: 30 }, (_, i) => i),
      weights: Float64Array.from([1, 2, 3, 4, 5, 6, 7, 8, 9, 10]),
    };
    const { lab, weights } = thinned(histogram, 4);
    expect([...weights]).toEqual([1, 4, 7, 10]);
    expect([...lab.subarray(3, 6)]).toEqual([9, 10, 11]);
    expect(thinned(histogram, 10)).toBe(histogram);
  });
});

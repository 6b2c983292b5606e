import { describe, expect, it } from 'vitest';
import { ciede2000 } from './ciede2000';
import { compressChroma, expandChroma } from './chroma-compressed';

describe('compressChroma', () => {
  it('when Lab is compressed and expanded, then it comes back, greys and hue angles untouched', () => {
    const lab = [50, 0, 0, 70, 60, -40, 30, -20, 80];
    const compressed = compressChroma(lab);
    expect([...compressed.subarray(0, 3)]).toEqual([50, 0, 0]);
    expect(Math.atan2(compressed[5]!, compressed[4]!)).toBeCloseTo(Math.atan2(-40, 60), 5);
    expandChroma(compressed).forEach((v, i) => expect(v).toBeCloseTo(lab[i]!, 3));
  });

  it('when two saturated colours differ in chroma, then their distance shrinks toward their ΔE00', () => {
    const [x, y] = [[60, 70, 0] as const, [60, 90, 0] as const];
    const c = compressChroma([...x, ...y]);
    const compressed = Math.hypot(c[3]! - c[0]!, c[4]! - c[1]!, c[5]! - c[2]!);
    const de00 = ciede2000([...x], [...y]);
    expect(Math.abs(compressed - de00)).toBeLessThan(Math.abs(20 - de00));
  });
});

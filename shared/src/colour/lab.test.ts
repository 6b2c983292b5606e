import { describe, expect, it } from 'vitest';
import { labToRgb, rgbBufferToLab, rgbToLab } from './lab';

describe('sRGB ↔ CIELAB', () => {
  it('when converting white, black and the primaries, then the D65 reference values come out', () => {
    expectLab(rgbToLab(255, 255, 255), [100, 0, 0], 1e-4);
    expectLab(rgbToLab(0, 0, 0), [0, 0, 0], 1e-9);
    expectLab(rgbToLab(255, 0, 0), [53.2408, 80.0925, 67.2032], 2e-3);
    expectLab(rgbToLab(0, 255, 0), [87.7347, -86.1827, 83.1793], 2e-3);
    expectLab(rgbToLab(0, 0, 255), [32.297, 79.1875, -107.8602], 2e-3);
  });

  it('when a neutral grey is converted, then a and b are zero', () => {
    for (const v of [1, 17, 128, 200, 254]) {
      const [, a, b] = rgbToLab(v, v, v);
      expect(Math.abs(a)).toBeLessThan(1e-9);
      expect(Math.abs(b)).toBeLessThan(1e-9);
    }
  });

  it('when every colour of a 4-step grid goes to Lab and back, then it returns within 1 per channel', () => {
    let worst = 0;
    for (let r = 0; r < 256; r += 4) {
      for (let g = 0; g < 256; g += 4) {
        for (let b = 0; b < 256; b += 4) {
          const [L, a, bb] = rgbToLab(r, g, b);
          const back = labToRgb(L, a, bb);
          worst = Math.max(worst, Math.abs(back[0] - r), Math.abs(back[1] - g), Math.abs(back[2] - b));
        }
      }
    }
    expect(worst).toBeLessThanOrEqual(1);
  });

  it('when a Lab colour lies outside the sRGB gamut, then labToRgb clamps to bytes', () => {
    const rgb = labToRgb(50, 150, -150);
    for (const v of rgb) {
      expect(Number.isInteger(v)).toBe(true);
      expect(v).toBeGreaterThanOrEqual(0);
      expect(v).toBeLessThanOrEqual(255);
    }
    expect(labToRgb(120, 0, 0)).toEqual([255, 255, 255]);
    expect(labToRgb(-5, 0, 0)).toEqual([0, 0, 0]);
  });

  it('when a buffer is converted in bulk, then each triplet equals the single-colour conversion in float32', () => {
    const rgb = Uint8Array.from([0, 0, 0, 255, 255, 255, 12, 200, 77, 250, 3, 128]);
    const lab = rgbBufferToLab(rgb);
    expect(lab).toHaveLength(rgb.length);
    for (let i = 0; i < rgb.length; i += 3) {
      const expected = rgbToLab(rgb[i]!, rgb[i + 1]!, rgb[i + 2]!);
      expect([lab[i], lab[i + 1], lab[i + 2]]).toEqual(expected.map(Math.fround));
    }
  });

  it('when a buffer is not whole pixels, then the bulk conversion refuses it', () => {
    expect(() => rgbBufferToLab(new Uint8Array(4))).toThrow(RangeError);
  });
});

function expectLab(actual: readonly number[], expected: readonly number[], tolerance: number): void {
  actual.forEach((v, i) => expect(Math.abs(v - expected[i]!)).toBeLessThanOrEqual(tolerance));
}

import { describe, expect, it } from 'vitest';
import type { Lab, Rgb } from '../domain/palette';
import { labToRgb, rgbToLab } from './lab';
import { NearestColour } from './nearest-colour';
import { createRng } from './prng';

const PALETTE: Rgb[] = [
  [0, 0, 0],
  [255, 255, 255],
  [220, 30, 40],
  [30, 60, 200],
];
const LABS: Lab[] = PALETTE.map(([r, g, b]) => rgbToLab(r, g, b));

describe('NearestColour', () => {
  it('when asked for a palette colour, then it answers that colour', () => {
    const nearest = new NearestColour(LABS, PALETTE);
    PALETTE.forEach(([r, g, b], i) => expect(nearest.indexOf(r, g, b)).toBe(i));
  });

  it('when asked for a colour between centroids, then it answers the nearest in Lab, the same every time', () => {
    const nearest = new NearestColour(LABS, PALETTE);
    expect(nearest.indexOf(30, 30, 30)).toBe(0);
    expect(nearest.indexOf(235, 235, 240)).toBe(1);
    expect(nearest.indexOf(180, 60, 60)).toBe(2);
    expect(nearest.indexOf(60, 80, 170)).toBe(3);
    expect(nearest.indexOf(60, 80, 170)).toBe(3);
  });

  it('when a buffer is mapped in place, then every pixel becomes its centroid colour and the pixels are counted', () => {
    const nearest = new NearestColour(LABS, PALETTE);
    const rgb = Uint8Array.from([10, 5, 0, 250, 250, 250, 200, 40, 50, 20, 50, 210, 12, 8, 3]);
    const counts = new Float64Array(PALETTE.length);

    nearest.mapRgbInPlace(rgb, counts);

    expect([...rgb]).toEqual([0, 0, 0, 255, 255, 255, 220, 30, 40, 30, 60, 200, 0, 0, 0]);
    expect([...counts]).toEqual([2, 1, 1, 1]);
  });

  it('when a buffer starts at any byte offset and holds any number of pixels, then each pixel is mapped and counted', () => {
    const nearest = new NearestColour(LABS, PALETTE);
    const rng = createRng(5);
    const memory = Uint8Array.from({ length: 3 + 3 * 40 }, () => Math.floor(rng() * 256));
    for (let offset = 0; offset < 4; offset++) {
      for (let pixels = 0; pixels <= 40; pixels++) {
        const rgb = memory.slice().subarray(offset, offset + 3 * pixels);
        const expected = Array.from({ length: pixels }, (_, p) =>
          nearest.indexOf(rgb[3 * p]!, rgb[3 * p + 1]!, rgb[3 * p + 2]!),
        );
        const counts = new Float64Array(PALETTE.length);

        nearest.mapRgbInPlace(rgb, counts);

        expect([...rgb]).toEqual(expected.flatMap((c) => PALETTE[c]!));
        expect([...counts]).toEqual(PALETTE.map((_, c) => expected.filter((e) => e === c).length));
      }
    }
  });

  it('when no RGB is given, then each centroid maps to its own sRGB conversion', () => {
    const centroids: Lab[] = [
      [50, 20, -30],
      [80, -10, 10],
    ];
    const nearest = new NearestColour(centroids);
    const rgb = Uint8Array.from(labToRgb(50, 20, -30));
    nearest.mapRgbInPlace(rgb);
    expect([...rgb]).toEqual(labToRgb(50, 20, -30));
  });

  it('when a palette has 255 colours, then the last index still comes back, and 256 are refused', () => {
    const greys: Rgb[] = Array.from({ length: 256 }, (_, v) => [v, v, v]);
    const labs = greys.map(([r, g, b]) => rgbToLab(r, g, b));
    const nearest = new NearestColour(labs.slice(0, 255), greys.slice(0, 255));
    expect(nearest.indexOf(254, 254, 254)).toBe(254);
    expect(nearest.indexOf(255, 255, 255)).toBe(254);
    expect(() => new NearestColour(labs, greys)).toThrow(RangeError);
  });

  it('when every colour of a coarse grid is looked up twice, then the cached answer equals a brute-force search', () => {
    const nearest = new NearestColour(LABS, PALETTE);
    const fresh = (r: number, g: number, b: number) => {
      const [L, a, bb] = rgbToLab(r, g, b);
      const d = LABS.map(([L2, a2, b2]) => (L - L2) ** 2 + (a - a2) ** 2 + (bb - b2) ** 2);
      return d.indexOf(Math.min(...d));
    };
    const grid: number[] = [];
    for (let r = 0; r < 256; r += 51)
      for (let g = 0; g < 256; g += 51) for (let b = 0; b < 256; b += 51) grid.push(r, g, b);
    for (let i = 0; i < grid.length; i += 3) nearest.indexOf(grid[i]!, grid[i + 1]!, grid[i + 2]!);
    for (let i = 0; i < grid.length; i += 3) {
      expect(nearest.indexOf(grid[i]!, grid[i + 1]!, grid[i + 2]!)).toBe(
        fresh(grid[i]!, grid[i + 1]!, grid[i + 2]!),
      );
    }
  });

  it('when built without centroids or with mismatched RGB, then it refuses', () => {
    expect(() => new NearestColour([])).toThrow(RangeError);
    expect(() => new NearestColour(LABS, PALETTE.slice(1))).toThrow(RangeError);
  });
});

import { describe, expect, it } from 'vitest';
import type { Rgb } from '../domain/palette';
import { KMEANS_ALGORITHM, kmeansLab } from './kmeans';
import { labToRgb, rgbBufferToLab } from './lab';
import { createRng } from './prng';

/** Packed Lab of an image made of flat blocks: `pixels` of each colour. */
function flatBlocks(blocks: { rgb: Rgb; pixels: number }[]): Float32Array {
  const total = blocks.reduce((sum, b) => sum + b.pixels, 0);
  const rgb = new Uint8Array(total * 3);
  let at = 0;
  for (const { rgb: colour, pixels } of blocks) {
    for (let i = 0; i < pixels; i++, at += 3) rgb.set(colour, at);
  }
  return rgbBufferToLab(rgb);
}

/** A photo-like cloud: colours scattered around a few centres, drawn from a fixed seed. */
function noisyClusters(count: number, seed: number): Float32Array {
  const random = createRng(seed);
  const centres: Rgb[] = [
    [200, 40, 40],
    [30, 160, 70],
    [40, 60, 190],
    [230, 220, 200],
    [20, 20, 25],
  ];
  const rgb = new Uint8Array(count * 3);
  for (let i = 0; i < count; i++) {
    const c = centres[Math.floor(random() * centres.length)]!;
    for (let ch = 0; ch < 3; ch++)
      rgb[i * 3 + ch] = Math.max(0, Math.min(255, Math.round(c[ch]! + (random() - 0.5) * 60)));
  }
  return rgbBufferToLab(rgb);
}

const FOUR: { rgb: Rgb; pixels: number }[] = [
  { rgb: [220, 30, 40], pixels: 4000 },
  { rgb: [20, 140, 60], pixels: 3000 },
  { rgb: [40, 70, 200], pixels: 2000 },
  { rgb: [250, 240, 230], pixels: 1000 },
];

describe('kmeansLab', () => {
  it('when an image holds 4 flat colours and k is 4, then the palette is exactly those colours with their shares', () => {
    const { centroids, counts } = kmeansLab(flatBlocks(FOUR), 4);

    expect(counts).toEqual([4000, 3000, 2000, 1000]);
    centroids.forEach((lab, i) => {
      const rgb = labToRgb(...lab);
      rgb.forEach((v, ch) => expect(Math.abs(v - FOUR[i]!.rgb[ch]!)).toBeLessThanOrEqual(1));
    });
  });

  it('when the same samples are clustered twice, then the results are identical', () => {
    const samples = noisyClusters(20_000, 3);
    const first = kmeansLab(samples, 8);
    const second = kmeansLab(Float32Array.from(samples), 8);
    expect(second).toEqual(first);
    expect(first.centroids).toHaveLength(8);
  });

  it('when k is larger than the number of distinct colours, then fewer centroids come back, distinct and finite', () => {
    const samples = flatBlocks([
      { rgb: [0, 0, 0], pixels: 700 },
      { rgb: [255, 255, 255], pixels: 300 },
    ]);
    const { centroids, counts } = kmeansLab(samples, 8);

    expect(centroids.map((lab) => labToRgb(...lab))).toEqual([
      [0, 0, 0],
      [255, 255, 255],
    ]);
    expect(counts).toEqual([700, 300]);
    expect(centroids.flat().every(Number.isFinite)).toBe(true);
  });

  it('when the samples are dominated by duplicates at any k, then centroids stay distinct and finite', () => {
    const samples = flatBlocks([
      { rgb: [10, 10, 10], pixels: 5000 },
      { rgb: [12, 10, 10], pixels: 3 },
      { rgb: [200, 100, 0], pixels: 2 },
      { rgb: [0, 90, 255], pixels: 1 },
    ]);
    for (const k of [1, 2, 3, 4, 6]) {
      const { centroids, counts } = kmeansLab(samples, k);
      expect(centroids.flat().every(Number.isFinite)).toBe(true);
      expect(new Set(centroids.map((c) => c.join())).size).toBe(centroids.length);
      expect(centroids.length).toBe(Math.min(k, 4));
      expect(counts.reduce((a, b) => a + b, 0)).toBe(5006);
      expect(counts.every((c) => c > 0)).toBe(true);
    }
  });

  it('when coarse samples could leave a cluster empty, then k distinct centroids come back, the same every time', () => {
    const samples = Float32Array.from([
      20, 30, 20, 40, 0, 40, 20, 40, 20, 40, 10, 30, 10, 40, 20, 30, 0, 10, 10, 10, 40, 20, 0, 10, 10, 0, 10,
      10, 10, 40, 30, 10, 20, 40, 20, 0, 0, 10, 40,
    ]);
    const result = kmeansLab(samples, 5);

    expect(result.centroids).toHaveLength(5);
    expect(result.centroids.flat().every(Number.isFinite)).toBe(true);
    expect(new Set(result.centroids.map((c) => c.join())).size).toBe(5);
    expect(result.counts.reduce((a, b) => a + b, 0)).toBe(13);
    expect(kmeansLab(samples, 5)).toEqual(result);
  });

  it('when clusters come back, then they are ordered by size, largest first', () => {
    const { counts } = kmeansLab(noisyClusters(10_000, 9), 6);
    expect([...counts].sort((a, b) => b - a)).toEqual(counts);
    expect(counts.reduce((a, b) => a + b, 0)).toBe(10_000);
  });

  it('when maxIterations is 1, then it stops after one Lloyd step', () => {
    expect(kmeansLab(noisyClusters(5_000, 1), 5, { maxIterations: 1 }).iterations).toBe(1);
  });

  it('when there are no samples, then the palette is empty', () => {
    expect(kmeansLab(new Float32Array(0), 8)).toEqual({ centroids: [], counts: [], iterations: 0 });
  });

  it('when k is not a positive integer or the samples are not triplets, then it refuses', () => {
    expect(() => kmeansLab(new Float32Array(3), 0)).toThrow(RangeError);
    expect(() => kmeansLab(new Float32Array(3), 2.5)).toThrow(RangeError);
    expect(() => kmeansLab(new Float32Array(4), 2)).toThrow(RangeError);
  });

  it('when the algorithm id is read, then it names the version that palette ids are hashed with', () => {
    expect(KMEANS_ALGORITHM).toBe('kmeans-lab@2');
  });
});

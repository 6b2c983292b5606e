import { describe, expect, it } from 'vitest';
import type { Lab } from '../domain/palette';
import { labToRgb, rgbToLab, writeLab } from './lab';
import { NearestColour, cellOf, exhaustiveNearest, inCell } from './nearest-colour';
import {
  CELL_BITS,
  CELL_COLOURS,
  CELL_COUNT,
  CELL_REFERENCE,
  CELL_SIDE,
  cellGeometry,
  provenCells,
} from './nearest-colour-cells';
import { createRng } from './prng';

const PER_CHANNEL = 1 << CELL_BITS;
// Copies for the loops over all 2^24 colours: under vitest each use of an imported binding is a property read.
const [side, size, toLab, cellOfColour, placeInCell] = [CELL_SIDE, CELL_COLOURS, writeLab, cellOf, inCell];
const cellOrigin = (cell: number): [number, number, number] => [
  (cell >> (2 * CELL_BITS)) * CELL_SIDE,
  ((cell >> CELL_BITS) % PER_CHANNEL) * CELL_SIDE,
  (cell % PER_CHANNEL) * CELL_SIDE,
];

/** The exhaustive search, which NearestColour ran for every colour before it had cells. */
function bruteForce(centroids: readonly Lab[]): (r: number, g: number, b: number) => number {
  const flat = Float64Array.from(centroids.flat());
  const q = new Float64Array(3);
  return (r, g, b) => {
    writeLab(r, g, b, q, 0);
    return exhaustiveNearest(flat, q);
  };
}

function randomPalette(k: number, seed: number): Lab[] {
  const rng = createRng(seed);
  const byte = () => Math.floor(rng() * 256);
  return Array.from({ length: k }, () => rgbToLab(byte(), byte(), byte()));
}

/** Every cell's corners and reference colour, then random colours: 32,768 × 9 + 100,000 colours. */
function denseColours(seed: number): Uint8Array {
  const rng = createRng(seed);
  const far = CELL_SIDE - 1;
  const colours: number[] = [];
  for (let cell = 0; cell < CELL_COUNT; cell++) {
    const [r, g, b] = cellOrigin(cell);
    colours.push(r + CELL_REFERENCE, g + CELL_REFERENCE, b + CELL_REFERENCE);
    for (let k = 0; k < 8; k++)
      colours.push(r + (k & 1) * far, g + ((k >> 1) & 1) * far, b + ((k >> 2) & 1) * far);
  }
  for (let i = 0; i < 300_000; i++) colours.push(Math.floor(rng() * 256));
  return Uint8Array.from(colours);
}

describe('provenCells', () => {
  it('when every 24-bit colour is converted, then none lies farther from its cell reference than the radius bound', () => {
    const { lab, radius } = cellGeometry();
    const q = new Float64Array(3);
    let excess = -Infinity;
    for (let cell = 0; cell < CELL_COUNT; cell++) {
      const [r, g, b] = cellOrigin(cell);
      const o = cell * 3;
      let farthest = 0;
      for (let dr = 0; dr < side; dr++) {
        for (let dg = 0; dg < side; dg++) {
          for (let db = 0; db < side; db++) {
            toLab(r + dr, g + dg, b + db, q, 0);
            const dL = q[0]! - lab[o]!;
            const dA = q[1]! - lab[o + 1]!;
            const dB = q[2]! - lab[o + 2]!;
            const d = dL * dL + dA * dA + dB * dB;
            if (d > farthest) farthest = d;
          }
        }
      }
      excess = Math.max(excess, Math.sqrt(farthest) - radius[cell]!);
    }
    expect(excess).toBeLessThan(0);
  });

  it('when every 24-bit colour is placed, then it lands in the cell holding it, at a place no other colour has', () => {
    const taken = new Uint8Array(CELL_COUNT * size);
    let misplaced = 0;
    for (let cell = 0; cell < CELL_COUNT; cell++) {
      const [r, g, b] = cellOrigin(cell);
      for (let d = 0; d < size; d++) {
        const colour =
          (r + (d % side)) |
          ((g + (Math.floor(d / side) % side)) << 8) |
          ((b + Math.floor(d / side / side)) << 16);
        const place = cell * size + placeInCell(colour);
        if (cellOfColour(colour) !== cell || taken[place] !== 0) misplaced++;
        taken[place] = 1;
      }
    }
    expect(misplaced).toBe(0);
  });

  it('when centroids are duplicated, then no cell is proven for either copy', () => {
    const twin = rgbToLab(120, 80, 40);
    const cells = provenCells(Float64Array.from([...twin, ...twin]));
    expect(cells.every((c) => c === 0)).toBe(true);
  });

  it('when a palette has one centroid, then every cell is proven for it', () => {
    expect(provenCells(Float64Array.from(rgbToLab(9, 9, 9))).every((c) => c === 1)).toBe(true);
  });
});

describe('NearestColour with proven cells', () => {
  const tied: Lab[] = (() => {
    // Two centroids mirrored about the Lab of (100, 150, 200), so that colour is exactly as far from each.
    const [L, A, B] = rgbToLab(100, 150, 200);
    const base = randomPalette(6, 99);
    return [
      ...base,
      [L + 4, A - 2, B + 1],
      base[2]!,
      [base[3]![0], base[3]![1], base[3]![2] + 1e-9],
      [L - 4, A + 2, B - 1],
    ];
  })();
  const palettes: [string, Lab[]][] = [
    ...[2, 4, 8, 16, 32, 255].map((k): [string, Lab[]] => [`${k} random centroids`, randomPalette(k, k)]),
    ['near-duplicate and tied centroids', tied],
  ];
  const colours = denseColours(7);

  it('when the mirrored palette is searched, then it holds an exact tie the lower index wins', () => {
    const [L, A, B] = rgbToLab(100, 150, 200);
    const d = [tied[6]!, tied[9]!].map(([cL, cA, cB]) => (L - cL) ** 2 + (A - cA) ** 2 + (B - cB) ** 2);
    expect(d[0]).toBe(d[1]);
    expect(bruteForce(tied)(100, 150, 200)).toBe(6);
    expect(new NearestColour(tied).indexOf(100, 150, 200)).toBe(6);
  });

  it.each(palettes)(
    'when every cell corner, cell reference and random colour is looked up with %s, then the answer is the exhaustive search',
    (_, centroids) => {
      expect(provenCells(Float64Array.from(centroids.flat())).some((c) => c !== 0)).toBe(true);
      const search = bruteForce(centroids);
      const nearest = new NearestColour(centroids);
      const mapped = colours.slice();
      nearest.mapRgbInPlace(mapped);
      const rgbs = centroids.map(([L, a, b]) => labToRgb(L, a, b));
      const wrong: string[] = [];
      for (let i = 0; i < colours.length && wrong.length < 5; i += 3) {
        const [r, g, b] = [colours[i]!, colours[i + 1]!, colours[i + 2]!];
        const expected = search(r, g, b);
        const got = nearest.indexOf(r, g, b);
        const [er, eg, eb] = rgbs[expected]!;
        if (got !== expected || mapped[i] !== er || mapped[i + 1] !== eg || mapped[i + 2] !== eb)
          wrong.push(`(${r}, ${g}, ${b}): ${got}, not ${expected}`);
      }
      expect(wrong).toEqual([]);
    },
  );
});

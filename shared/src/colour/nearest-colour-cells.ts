import { writeLab } from './lab';

/**
 * The colour cube cut into cells of 8 × 8 × 8 colours (5 bits per channel): 32,768 cells, so a byte per cell is a
 * 32 KB table that stays in the CPU's cache, where the 16 MB table of every colour misses it on most pixels.
 */
export const CELL_BITS = 5;
const SHIFT = 8 - CELL_BITS;
export const CELL_SIDE = 1 << SHIFT;
export const CELL_COUNT = 1 << (3 * CELL_BITS);
export const CELL_COLOURS = CELL_SIDE ** 3;
/** Each cell is measured from its colour at this offset in each channel (its centre, rounded up). */
export const CELL_REFERENCE = CELL_SIDE >> 1;

/**
 * The radius bound is the farthest corner of the cell from its reference colour, in Lab: a cell is small enough for
 * the Lab conversion to be nearly affine there, and the farthest colour of an affine image of a box is a corner. A test
 * checks every colour of every cell against the bound; the margin covers rounding, not a known excess (none was found).
 */
export const RADIUS_SAFETY = 1.01;
/** Far above the rounding of squared Lab distances (≲ 1e-10 at their largest), far below any real difference. */
const SLACK = 1e-6;

export interface CellGeometry {
  /** Lab of each cell's reference colour, 3 per cell. */
  readonly lab: Float64Array;
  /** Per cell, an upper bound on the Lab distance from its reference colour to any of its colours. */
  readonly radius: Float64Array;
}

let geometry: CellGeometry | undefined;

/** The same for every palette, so it is made once per thread, on first use (about 300,000 Lab conversions). */
export function cellGeometry(): CellGeometry {
  if (geometry) return geometry;
  const lab = new Float64Array(CELL_COUNT * 3);
  const radius = new Float64Array(CELL_COUNT);
  const corner = new Float64Array(3);
  const n = 1 << CELL_BITS;
  for (let cell = 0; cell < CELL_COUNT; cell++) {
    const r = (cell >> (2 * CELL_BITS)) << SHIFT;
    const g = ((cell >> CELL_BITS) & (n - 1)) << SHIFT;
    const b = (cell & (n - 1)) << SHIFT;
    writeLab(r + CELL_REFERENCE, g + CELL_REFERENCE, b + CELL_REFERENCE, lab, cell * 3);
    let farthest = 0;
    for (let k = 0; k < 8; k++) {
      const far = CELL_SIDE - 1;
      writeLab(r + (k & 1) * far, g + ((k >> 1) & 1) * far, b + ((k >> 2) & 1) * far, corner, 0);
      const d = distance(corner, 0, lab, cell * 3);
      if (d > farthest) farthest = d;
    }
    radius[cell] = farthest * RADIUS_SAFETY;
  }
  geometry = { lab, radius };
  return geometry;
}

/**
 * Per cell, index + 1 of the centroid nearest to every colour of the cell, or 0 when that is not proven.
 *
 * Proof, for the cell's nearest centroid c at its reference colour p and radius R: for any colour q with |q − p| ≤ R,
 * |q − j|² − |q − c|² = |p − j|² − |p − c|² + 2 (q − p) · (c − j) ≥ |p − j|² − |p − c|² − 2 R |c − j|. When that
 * stays above rounding for every other centroid j, each colour of the cell is strictly nearer c than any j, so an
 * exhaustive search answers c for it whatever its tie rule; near-duplicate and tied centroids leave the cell unproven.
 */
export function provenCells(centroids: Float64Array): Uint8Array {
  const { lab, radius } = cellGeometry();
  const k = centroids.length / 3;
  const apart = new Float64Array(k * k);
  for (let i = 0; i < k; i++) {
    for (let j = 0; j < k; j++) {
      apart[i * k + j] = distance(centroids, i * 3, centroids, j * 3);
    }
  }
  const cells = new Uint8Array(CELL_COUNT);
  const squared = new Float64Array(k);
  for (let cell = 0; cell < CELL_COUNT; cell++) {
    const L = lab[cell * 3]!;
    const A = lab[cell * 3 + 1]!;
    const B = lab[cell * 3 + 2]!;
    let best = 0;
    for (let c = 0; c < k; c++) {
      const dL = L - centroids[c * 3]!;
      const dA = A - centroids[c * 3 + 1]!;
      const dB = B - centroids[c * 3 + 2]!;
      squared[c] = dL * dL + dA * dA + dB * dB;
      if (squared[c]! < squared[best]!) best = c;
    }
    const reach = 2 * radius[cell]!;
    let proven = true;
    for (let j = 0; j < k && proven; j++) {
      if (j !== best) proven = squared[j]! - squared[best]! > reach * apart[best * k + j]! + SLACK;
    }
    if (proven) cells[cell] = best + 1;
  }
  return cells;
}

function distance(x: Float64Array, i: number, y: Float64Array, j: number): number {
  const d0 = x[i]! - y[j]!;
  const d1 = x[i + 1]! - y[j + 1]!;
  const d2 = x[i + 2]! - y[j + 2]!;
  return Math.sqrt(d0 * d0 + d1 * d1 + d2 * d2);
}

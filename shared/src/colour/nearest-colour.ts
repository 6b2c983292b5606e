import type { Lab, Rgb } from '../domain/palette';
import { labToRgb, writeLab } from './lab';
import { CELL_COLOURS, provenCells } from './nearest-colour-cells';

/** The most centroids a palette may have: the cache stores index + 1 in a byte. */
export const NEAREST_COLOUR_MAX_CENTROIDS = 255;

/**
 * The cell of a packed colour `r | g << 8 | b << 16` in provenCells' order: the top 5 bits (CELL_BITS) of r, then of
 * g, then of b. It and inCell live here, beside the loops that call them for every pixel: called across modules, as
 * tsx's CommonJS output does through a getter, they made the mapping twice as slow.
 */
export const cellOf = (colour: number): number =>
  ((colour & 0xf8) << 7) | ((colour >> 6) & 0x3e0) | ((colour >> 19) & 0x1f);

/** The place of a packed colour among the CELL_COLOURS of its cell: the low 3 bits of r, then of g, then of b. */
export const inCell = (colour: number): number =>
  ((colour & 7) << 6) | ((colour >> 5) & 0x38) | ((colour >> 16) & 7);

/** Whether a 32-bit read of the bytes r, g, b, x gives r | g << 8 | b << 16 | x << 24, as on x86 and ARM. */
const LITTLE_ENDIAN = new Uint8Array(Uint32Array.of(1).buffer)[0] === 1;

/**
 * Maps 8-bit sRGB colours to the nearest of a palette's centroids by Euclidean distance in Lab (ΔE76, the distance
 * k-means minimises). Most colours lie in a cell of the colour cube that one centroid provably wins whole, so a 32 KB
 * table answers them; the others are searched once and remembered per 24-bit colour, since a photo repeats colours.
 * Colours travel packed in one number, `r | g << 8 | b << 16`.
 */
export class NearestColour {
  private readonly lab: Float64Array;
  /** Each centroid's packed colour, at index + 1 (0 is never a centroid's index + 1). */
  private readonly packed: Int32Array;
  /** index + 1 per cell of the colour cube whose every colour has that nearest centroid, 0 = search its colours. */
  private readonly cells: Uint8Array;
  /** Where each unproven cell's colours start in `cache`. */
  private readonly blocks: Int32Array;
  /**
   * index + 1 per colour of an unproven cell, 0 = not yet known: the cells side by side, about 3 MB for a palette of 8
   * (16 MB at most), each cell's colours in one 512-byte block as the Morton order of a table of every colour kept them.
   */
  private readonly cache: Uint8Array;
  private readonly query = new Float64Array(3);

  constructor(
    centroids: readonly Lab[],
    rgb: readonly Rgb[] = centroids.map(([L, a, b]) => labToRgb(L, a, b)),
  ) {
    if (centroids.length === 0 || centroids.length > NEAREST_COLOUR_MAX_CENTROIDS) {
      throw new RangeError(
        `NearestColour needs 1 to ${NEAREST_COLOUR_MAX_CENTROIDS} centroids, got ${centroids.length}`,
      );
    }
    if (rgb.length !== centroids.length) throw new RangeError('every centroid needs its RGB');
    this.lab = Float64Array.from(centroids.flat());
    this.packed = Int32Array.from([0, ...rgb.map(([r, g, b]) => r | (g << 8) | (b << 16))]);
    this.cells = provenCells(this.lab);
    this.blocks = new Int32Array(this.cells.length);
    let unproven = 0;
    this.cells.forEach((c, cell) => {
      if (c === 0) this.blocks[cell] = CELL_COLOURS * unproven++;
    });
    this.cache = new Uint8Array(CELL_COLOURS * unproven);
  }

  get size(): number {
    return this.lab.length / 3;
  }

  /** Index of the centroid nearest to the colour; ties go to the lower index. */
  indexOf(r: number, g: number, b: number): number {
    const colour = r | (g << 8) | (b << 16);
    return (this.cells[cellOf(colour)]! || this.uncertain(colour)) - 1;
  }

  /** Replaces every pixel of packed RGB by its centroid's RGB; adds the pixels of each centroid to `counts`. */
  mapRgbInPlace(rgb: Uint8Array, counts?: Float64Array): void {
    if (rgb.length % 3 !== 0)
      throw new RangeError(`packed RGB needs a multiple of 3 bytes, got ${rgb.length}`);
    // Integer tallies per index + 1, added to `counts` once at the end: cheaper than a float add per pixel.
    const tally = new Int32Array(this.size + 1);
    // The first pixels up to a 4-byte boundary, then 4 pixels at a time as 3 aligned words, then the last pixels.
    let head = rgb.length;
    if (LITTLE_ENDIAN) for (head = 0; (rgb.byteOffset + head) % 4 !== 0;) head += 3;
    head = Math.min(head, rgb.length);
    const words = Math.floor((rgb.length - head) / 12) * 3;
    this.mapBytes(rgb, 0, head, tally);
    if (words > 0) this.mapWords(new Uint32Array(rgb.buffer, rgb.byteOffset + head, words), tally);
    this.mapBytes(rgb, head + words * 4, rgb.length, tally);
    if (counts) for (let c = 0; c < this.size; c++) counts[c]! += tally[c + 1]!;
  }

  /**
   * Three words hold four pixels: r0 g0 b0 r1 | g1 b1 r2 g2 | b2 r3 g3 b3. A third as many typed-array reads and
   * writes as byte by byte, each bounds-checked: mapping a 12 MP photo measured about 2.5 times faster.
   */
  private mapWords(w: Uint32Array, tally: Int32Array): void {
    const { cells, packed } = this;
    for (let i = 0; i < w.length; i += 3) {
      const w0 = w[i]!;
      const w1 = w[i + 1]!;
      const w2 = w[i + 2]!;
      const p0 = w0 & 0xffffff;
      const p1 = (w0 >>> 24) | ((w1 & 0xffff) << 8);
      const p2 = (w1 >>> 16) | ((w2 & 0xff) << 16);
      const p3 = w2 >>> 8;
      const c0 = cells[cellOf(p0)]! || this.uncertain(p0);
      const c1 = cells[cellOf(p1)]! || this.uncertain(p1);
      const c2 = cells[cellOf(p2)]! || this.uncertain(p2);
      const c3 = cells[cellOf(p3)]! || this.uncertain(p3);
      tally[c0]!++;
      tally[c1]!++;
      tally[c2]!++;
      tally[c3]!++;
      const q1 = packed[c1]!;
      const q2 = packed[c2]!;
      w[i] = packed[c0]! | (q1 << 24);
      w[i + 1] = (q1 >>> 8) | (q2 << 16);
      w[i + 2] = (q2 >>> 16) | (packed[c3]! << 8);
    }
  }

  private mapBytes(rgb: Uint8Array, from: number, to: number, tally: Int32Array): void {
    for (let i = from; i < to; i += 3) {
      const colour = rgb[i]! | (rgb[i + 1]! << 8) | (rgb[i + 2]! << 16);
      const c = this.cells[cellOf(colour)]! || this.uncertain(colour);
      tally[c]!++;
      const q = this.packed[c]!;
      rgb[i] = q & 0xff;
      rgb[i + 1] = (q >> 8) & 0xff;
      rgb[i + 2] = q >>> 16;
    }
  }

  /** index + 1 for a colour of a cell no centroid is proven to win: from the cache, searched on its first visit. */
  private uncertain(colour: number): number {
    const key = this.blocks[cellOf(colour)]! + inCell(colour);
    if (this.cache[key] === 0) this.cache[key] = this.search(colour) + 1;
    return this.cache[key]!;
  }

  private search(colour: number): number {
    writeLab(colour & 0xff, (colour >> 8) & 0xff, colour >>> 16, this.query, 0);
    return exhaustiveNearest(this.lab, this.query);
  }
}

/** Index of the centroid (packed Lab triplets) nearest to the Lab colour `q`, trying each; ties go to the lower index. */
export function exhaustiveNearest(centroids: Float64Array, q: Float64Array): number {
  let best = 0;
  let bestD = Infinity;
  for (let c = 0; c < centroids.length; c += 3) {
    const dL = q[0]! - centroids[c]!;
    const dA = q[1]! - centroids[c + 1]!;
    const dB = q[2]! - centroids[c + 2]!;
    const d = dL * dL + dA * dA + dB * dB;
    if (d < bestD) {
      bestD = d;
      best = c / 3;
    }
  }
  return best;
}

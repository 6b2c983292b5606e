/**
 * Which centroid each sample belongs to, kept up to date across Lloyd iterations with Hamerly's bounds (2010,
 * "Making k-means even faster"): per sample an upper bound on the distance to its centroid and a lower bound on the
 * distance to any other. Once centroids barely move, most samples are settled by the bounds alone, without computing
 * a single distance. Exact: the assignments are those of a full search (ties to the lowest index on a full search).
 */
export class Assignment {
  readonly nearest: Int32Array;
  private readonly upper: Float64Array;
  private readonly lower: Float64Array;

  constructor(private readonly samples: Float32Array) {
    const n = samples.length / 3;
    this.nearest = new Int32Array(n);
    this.upper = new Float64Array(n);
    this.lower = new Float64Array(n);
  }

  /** Every sample against every centroid. */
  assignAll(centres: Float64Array): void {
    for (let i = 0; i < this.nearest.length; i++) this.search(i, centres);
  }

  /** After the centroids moved by `shifts` (one distance per centroid): only samples whose bounds no longer hold. */
  update(centres: Float64Array, shifts: Float64Array): void {
    const m = shifts.length;
    let first = 0;
    for (let c = 1; c < m; c++) if (shifts[c]! > shifts[first]!) first = c;
    let second = 0;
    for (let c = 0; c < m; c++) if (c !== first && shifts[c]! > second) second = shifts[c]!;
    const halfGap = halfGaps(centres);
    const { samples, nearest, upper, lower } = this;
    for (let i = 0; i < nearest.length; i++) {
      const a = nearest[i]!;
      upper[i] = upper[i]! + shifts[a]!;
      lower[i] = lower[i]! - (a === first ? second : shifts[first]!);
      const bound = Math.max(halfGap[a]!, lower[i]!);
      if (upper[i]! <= bound) continue;
      upper[i] = Math.sqrt(squaredDistance(samples, i, centres, a));
      if (upper[i]! <= bound) continue;
      this.search(i, centres);
    }
  }

  /** Squared distance of every sample to its centroid. */
  squaredDistances(centres: Float64Array): Float64Array {
    const { samples, nearest } = this;
    const out = new Float64Array(nearest.length);
    for (let i = 0; i < nearest.length; i++) out[i] = squaredDistance(samples, i, centres, nearest[i]!);
    return out;
  }

  private search(i: number, centres: Float64Array): void {
    const { samples } = this;
    const L = samples[i * 3]!;
    const a = samples[i * 3 + 1]!;
    const b = samples[i * 3 + 2]!;
    let best = 0;
    let bestD = Infinity;
    let secondD = Infinity;
    for (let c = 0, m = centres.length / 3; c < m; c++) {
      const dL = L - centres[c * 3]!;
      const dA = a - centres[c * 3 + 1]!;
      const dB = b - centres[c * 3 + 2]!;
      const d = dL * dL + dA * dA + dB * dB;
      if (d < bestD) {
        secondD = bestD;
        bestD = d;
        best = c;
      } else if (d < secondD) {
        secondD = d;
      }
    }
    this.nearest[i] = best;
    this.upper[i] = Math.sqrt(bestD);
    this.lower[i] = Math.sqrt(secondD);
  }
}

/** Squared distance between triplet `i` of packed `p` and triplet `j` of packed `q`. */
function squaredDistance(p: ArrayLike<number>, i: number, q: ArrayLike<number>, j: number): number {
  const dL = p[i * 3]! - q[j * 3]!;
  const dA = p[i * 3 + 1]! - q[j * 3 + 1]!;
  const dB = p[i * 3 + 2]! - q[j * 3 + 2]!;
  return dL * dL + dA * dA + dB * dB;
}

/** Half the distance from each centroid to its nearest other: a sample closer than that to its own cannot switch. */
function halfGaps(centres: Float64Array): Float64Array {
  const m = centres.length / 3;
  const gaps = new Float64Array(m).fill(Infinity);
  for (let c = 0; c < m; c++) {
    for (let d = c + 1; d < m; d++) {
      const gap =
        Math.hypot(
          centres[c * 3]! - centres[d * 3]!,
          centres[c * 3 + 1]! - centres[d * 3 + 1]!,
          centres[c * 3 + 2]! - centres[d * 3 + 2]!,
        ) / 2;
      if (gap < gaps[c]!) gaps[c] = gap;
      if (gap < gaps[d]!) gaps[d] = gap;
    }
  }
  return gaps;
}

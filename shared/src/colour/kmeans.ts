import type { Lab } from '../domain/palette';
import { Assignment } from './kmeans-assignment';
import { createRng } from './prng';

/** Stored with every palette and hashed into its id: bump it whenever a change here could change a palette. */
export const KMEANS_ALGORITHM = 'kmeans-lab@1';
/** The fixed seed: the same samples and k always give the same palette. */
export const KMEANS_DEFAULT_SEED = 0x9e3779b9;

export interface KmeansOptions {
  seed?: number;
  /** Lloyd iterations at most (default 50). */
  maxIterations?: number;
  /** Stop once no centroid moves farther than this, in Lab units (default 0.01, far below a visible difference). */
  tolerance?: number;
}

export interface KmeansResult {
  /** At most k, all distinct; fewer when the samples hold fewer distinct colours. Largest cluster first, then by L, a, b. */
  centroids: Lab[];
  /** Samples nearest to each centroid, in the same order. */
  counts: number[];
  iterations: number;
}

/**
 * k-means in CIELAB over packed Lab triplets: k-means++ seeding from a seeded PRNG, then Lloyd iterations (with
 * Hamerly's bounds, so settled samples cost nothing). Empty clusters are re-seeded from the sample farthest from its
 * centroid, so the result depends on nothing but the input.
 */
export function kmeansLab(samples: Float32Array, k: number, options: KmeansOptions = {}): KmeansResult {
  if (!Number.isInteger(k) || k < 1) throw new RangeError(`k must be a positive integer, got ${k}`);
  if (samples.length % 3 !== 0)
    throw new RangeError(`packed Lab needs a multiple of 3 values, got ${samples.length}`);
  const { seed = KMEANS_DEFAULT_SEED, maxIterations = 50, tolerance = 0.01 } = options;
  const n = samples.length / 3;
  if (n === 0) return { centroids: [], counts: [], iterations: 0 };

  let centres = seedPlusPlus(samples, n, k, createRng(seed));
  const assignment = new Assignment(samples);
  assignment.assignAll(centres);
  let iterations = 0;
  while (iterations < maxIterations) {
    iterations++;
    const { means, counts } = clusterMeans(samples, centres.length / 3, assignment.nearest);
    if (counts.includes(0)) {
      centres = reseedEmpty(samples, means, counts, assignment.squaredDistances(centres));
      assignment.assignAll(centres);
      continue;
    }
    const shifts = distances(centres, means);
    centres = means;
    assignment.update(centres, shifts);
    if (Math.max(...shifts) < tolerance) break;
  }

  // The assignment always matches the final centroids, so every share matches the palette that is returned.
  const counts = new Float64Array(centres.length / 3);
  for (const c of assignment.nearest) counts[c]!++;
  // Clusters that ended empty are dropped; exact duplicates (possible only through ties) are merged.
  const byColour = new Map<string, { centroid: Lab; count: number }>();
  for (let c = 0; c < counts.length; c++) {
    if (counts[c] === 0) continue;
    const centroid: Lab = [centres[c * 3]!, centres[c * 3 + 1]!, centres[c * 3 + 2]!];
    const same = byColour.get(centroid.join());
    if (same) same.count += counts[c]!;
    else byColour.set(centroid.join(), { centroid, count: counts[c]! });
  }
  const clusters = [...byColour.values()];
  clusters.sort(
    (x, y) =>
      y.count - x.count ||
      x.centroid[0] - y.centroid[0] ||
      x.centroid[1] - y.centroid[1] ||
      x.centroid[2] - y.centroid[2],
  );
  return { centroids: clusters.map((c) => c.centroid), counts: clusters.map((c) => c.count), iterations };
}

/** k-means++: each next centre drawn with probability ∝ squared distance to the nearest chosen one. */
function seedPlusPlus(samples: Float32Array, n: number, k: number, random: () => number): Float64Array {
  const centres = new Float64Array(k * 3);
  const d2 = new Float64Array(n).fill(Infinity);
  let chosen = 0;
  let next = Math.min(n - 1, Math.floor(random() * n));
  for (;;) {
    centres[chosen * 3] = samples[next * 3]!;
    centres[chosen * 3 + 1] = samples[next * 3 + 1]!;
    centres[chosen * 3 + 2] = samples[next * 3 + 2]!;
    chosen++;
    if (chosen === k) break;
    const total = lowerDistances(samples, n, centres, chosen - 1, d2);
    // Every sample sits on a centre: the image has fewer distinct colours than k.
    if (total === 0) break;
    next = drawWeighted(d2, total * random());
  }
  return centres.slice(0, chosen * 3);
}

/** Lowers d2 to the distance to centre c; returns the new sum. */
function lowerDistances(
  samples: Float32Array,
  n: number,
  centres: Float64Array,
  c: number,
  d2: Float64Array,
): number {
  const cL = centres[c * 3]!;
  const cA = centres[c * 3 + 1]!;
  const cB = centres[c * 3 + 2]!;
  let total = 0;
  for (let i = 0; i < n; i++) {
    const dL = samples[i * 3]! - cL;
    const dA = samples[i * 3 + 1]! - cA;
    const dB = samples[i * 3 + 2]! - cB;
    const d = dL * dL + dA * dA + dB * dB;
    if (d < d2[i]!) d2[i] = d;
    total += d2[i]!;
  }
  return total;
}

/** The first index whose running sum passes target, skipping zero weights (never a sample already chosen). */
function drawWeighted(weights: Float64Array, target: number): number {
  let sum = 0;
  let last = -1;
  for (let i = 0; i < weights.length; i++) {
    const w = weights[i]!;
    if (w === 0) continue;
    last = i;
    sum += w;
    if (sum > target) return i;
  }
  return last; // rounding left target at the very end
}

function clusterMeans(
  samples: Float32Array,
  m: number,
  nearest: Int32Array,
): { means: Float64Array; counts: Float64Array } {
  const sums = new Float64Array(m * 3);
  const counts = new Float64Array(m);
  for (let i = 0; i < nearest.length; i++) {
    const c = nearest[i]!;
    sums[c * 3] = sums[c * 3]! + samples[i * 3]!;
    sums[c * 3 + 1] = sums[c * 3 + 1]! + samples[i * 3 + 1]!;
    sums[c * 3 + 2] = sums[c * 3 + 2]! + samples[i * 3 + 2]!;
    counts[c]!++;
  }
  for (let c = 0; c < m; c++) {
    const count = counts[c]!;
    if (count === 0) continue;
    sums[c * 3]! /= count;
    sums[c * 3 + 1]! /= count;
    sums[c * 3 + 2]! /= count;
  }
  return { means: sums, counts };
}

/**
 * Each empty cluster takes the sample farthest from its centroid (lowest index on ties), which then no longer counts
 * as far. Clusters left empty because every sample already sits on a centroid are dropped.
 */
function reseedEmpty(
  samples: Float32Array,
  means: Float64Array,
  counts: Float64Array,
  dist: Float64Array,
): Float64Array {
  if (counts.every((c) => c > 0)) return means;
  const kept: number[] = [];
  for (let c = 0; c < counts.length; c++) {
    if (counts[c]! > 0) {
      kept.push(means[c * 3]!, means[c * 3 + 1]!, means[c * 3 + 2]!);
      continue;
    }
    let far = -1;
    for (let i = 0; i < dist.length; i++) if (dist[i]! > 0 && (far < 0 || dist[i]! > dist[far]!)) far = i;
    if (far < 0) continue;
    kept.push(samples[far * 3]!, samples[far * 3 + 1]!, samples[far * 3 + 2]!);
    lowerDistances(samples, dist.length, Float64Array.from(kept.slice(-3)), 0, dist);
  }
  return Float64Array.from(kept);
}

/** How far each centroid moved. */
function distances(from: Float64Array, to: Float64Array): Float64Array {
  const out = new Float64Array(from.length / 3);
  for (let c = 0; c < out.length; c++) {
    out[c] = Math.hypot(
      to[c * 3]! - from[c * 3]!,
      to[c * 3 + 1]! - from[c * 3 + 1]!,
      to[c * 3 + 2]! - from[c * 3 + 2]!,
    );
  }
  return out;
}

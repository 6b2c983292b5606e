import { Assignment } from './kmeans-assignment';

/**
 * Weighted Lloyd iterations from `seeds` until no centre moves farther than `tolerance` (or `maxIterations`). Empty
 * clusters are re-seeded from the point farthest from its centre, so the result depends on nothing but the input.
 */
export function lloyd(
  points: Float32Array,
  weights: Float64Array,
  seeds: Float64Array,
  maxIterations: number,
  tolerance: number,
): { centres: Float64Array; iterations: number } {
  let centres = seeds;
  const assignment = new Assignment(points);
  assignment.assignAll(centres);
  let iterations = 0;
  while (iterations < maxIterations) {
    iterations++;
    const { means, totals } = weightedMeans(points, weights, centres, assignment.nearest, weights);
    if (totals.includes(0)) {
      centres = reseedEmpty(points, means, totals, assignment.squaredDistances(centres));
      assignment.assignAll(centres);
      continue;
    }
    const shifts = distances(centres, means);
    centres = means;
    assignment.update(centres, shifts);
    if (Math.max(...shifts) < tolerance) break;
  }
  return { centres, iterations };
}

/**
 * Weiszfeld steps: each centre moves to the mean of its points weighted by 1 / distance, which lowers the mean
 * distance (what ΔE00 measures) rather than the mean squared distance Lloyd lowers. Returns the final assignment.
 */
export function weiszfeld(
  points: Float32Array,
  weights: Float64Array,
  centres: Float64Array,
  steps: number,
): { centres: Float64Array; nearest: Int32Array } {
  const assignment = new Assignment(points);
  assignment.assignAll(centres);
  for (let step = 0; step < steps; step++) {
    const d2 = assignment.squaredDistances(centres);
    // The floor keeps a point sitting on its centre from taking all the weight (half a just-noticeable difference).
    const inverse = weights.map((w, i) => w / Math.max(Math.sqrt(d2[i]!), 0.5));
    const { means } = weightedMeans(points, weights, centres, assignment.nearest, inverse);
    const shifts = distances(centres, means);
    centres = means;
    assignment.update(centres, shifts);
  }
  return { centres, nearest: assignment.nearest };
}

/** Mean over the points (by weight) of the distance to the nearest centre. */
export function meanDistance(points: Float32Array, weights: Float64Array, centres: Float64Array): number {
  const assignment = new Assignment(points);
  assignment.assignAll(centres);
  const d2 = assignment.squaredDistances(centres);
  let sum = 0;
  let total = 0;
  for (let i = 0; i < d2.length; i++) {
    sum += weights[i]! * Math.sqrt(d2[i]!);
    total += weights[i]!;
  }
  return sum / total;
}

/** Each cluster's mean by `by`; a cluster without points keeps its centre, with total 0 (as counted by `weights`). */
function weightedMeans(
  points: Float32Array,
  weights: Float64Array,
  centres: Float64Array,
  nearest: Int32Array,
  by: Float64Array,
): { means: Float64Array; totals: Float64Array } {
  const m = centres.length / 3;
  const sums = new Float64Array(m * 3);
  const mass = new Float64Array(m);
  const totals = new Float64Array(m);
  for (let i = 0; i < nearest.length; i++) {
    const c = nearest[i]!;
    const w = by[i]!;
    sums[c * 3] = sums[c * 3]! + w * points[i * 3]!;
    sums[c * 3 + 1] = sums[c * 3 + 1]! + w * points[i * 3 + 1]!;
    sums[c * 3 + 2] = sums[c * 3 + 2]! + w * points[i * 3 + 2]!;
    mass[c] = mass[c]! + w;
    totals[c] = totals[c]! + weights[i]!;
  }
  for (let c = 0; c < m; c++) {
    for (let j = 0; j < 3; j++)
      sums[c * 3 + j] = mass[c] === 0 ? centres[c * 3 + j]! : sums[c * 3 + j]! / mass[c]!;
  }
  return { means: sums, totals };
}

/**
 * Each empty cluster takes the point farthest from its centroid (lowest index on ties), which then no longer counts
 * as far. Clusters left empty because every point already sits on a centroid are dropped.
 */
function reseedEmpty(
  points: Float32Array,
  means: Float64Array,
  totals: Float64Array,
  dist: Float64Array,
): Float64Array {
  const kept: number[] = [];
  for (let c = 0; c < totals.length; c++) {
    if (totals[c]! > 0) {
      kept.push(means[c * 3]!, means[c * 3 + 1]!, means[c * 3 + 2]!);
      continue;
    }
    let far = -1;
    for (let i = 0; i < dist.length; i++) if (dist[i]! > 0 && (far < 0 || dist[i]! > dist[far]!)) far = i;
    if (far < 0) continue;
    const [L, a, b] = [points[far * 3]!, points[far * 3 + 1]!, points[far * 3 + 2]!];
    kept.push(L, a, b);
    for (let i = 0; i < dist.length; i++) {
      const d = (points[i * 3]! - L) ** 2 + (points[i * 3 + 1]! - a) ** 2 + (points[i * 3 + 2]! - b) ** 2;
      if (d < dist[i]!) dist[i] = d;
    }
  }
  return Float64Array.from(kept);
}

/** How far each centre moved. */
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

/** Which direction a group is cut along: its widest of the three axes, or its principal axis. */
export type SplitAxis = 'widest' | 'principal';

interface Group {
  start: number;
  end: number;
  mean: [number, number, number];
  /** Weighted scatter matrix (row-major 3×3); its trace is the group's weighted sum of squared errors. */
  scatter: Float64Array;
  splittable: boolean;
}

/**
 * Deterministic k-means seeding by variance splitting (median cut's refinement): start with every point in one group,
 * then cut the group with the largest weighted squared error in two, across `axis` through its weighted mean, until
 * there are k groups; their means are the seeds. Fewer come back when the points hold fewer distinct colours.
 */
export function varianceSplitSeeds(
  points: Float32Array,
  weights: Float64Array,
  k: number,
  axis: SplitAxis,
): Float64Array {
  const order = Int32Array.from({ length: weights.length }, (_, i) => i);
  const groups: Group[] = [groupOf(points, weights, order, 0, order.length)];
  while (groups.length < k) {
    let worst = -1;
    for (let g = 0; g < groups.length; g++) {
      if (groups[g]!.splittable && (worst < 0 || trace(groups[g]!) > trace(groups[worst]!))) worst = g;
    }
    if (worst < 0) break;
    const group = groups[worst]!;
    const dir = axis === 'widest' ? widestAxis(group.scatter) : principalAxis(group.scatter);
    const cut = partition(points, order, group, dir);
    if (cut === group.start || cut === group.end) {
      group.splittable = false;
      continue;
    }
    groups.splice(
      worst,
      1,
      groupOf(points, weights, order, group.start, cut),
      groupOf(points, weights, order, cut, group.end),
    );
  }
  return Float64Array.from(groups.flatMap((g) => g.mean));
}

function groupOf(
  points: Float32Array,
  weights: Float64Array,
  order: Int32Array,
  start: number,
  end: number,
): Group {
  let total = 0;
  const mean: [number, number, number] = [0, 0, 0];
  for (let at = start; at < end; at++) {
    const i = order[at]!;
    const w = weights[i]!;
    total += w;
    for (let c = 0; c < 3; c++) mean[c] = mean[c]! + w * points[i * 3 + c]!;
  }
  for (let c = 0; c < 3; c++) mean[c] = mean[c]! / total;
  const scatter = new Float64Array(9);
  for (let at = start; at < end; at++) {
    const i = order[at]!;
    const w = weights[i]!;
    const d0 = points[i * 3]! - mean[0];
    const d1 = points[i * 3 + 1]! - mean[1];
    const d2 = points[i * 3 + 2]! - mean[2];
    scatter[0] = scatter[0]! + w * d0 * d0;
    scatter[1] = scatter[1]! + w * d0 * d1;
    scatter[2] = scatter[2]! + w * d0 * d2;
    scatter[4] = scatter[4]! + w * d1 * d1;
    scatter[5] = scatter[5]! + w * d1 * d2;
    scatter[8] = scatter[8]! + w * d2 * d2;
  }
  scatter[3] = scatter[1]!;
  scatter[6] = scatter[2]!;
  scatter[7] = scatter[5]!;
  return { start, end, mean, scatter, splittable: end - start > 1 && trace({ scatter }) > 0 };
}

const trace = ({ scatter }: Pick<Group, 'scatter'>): number => scatter[0]! + scatter[4]! + scatter[8]!;

function widestAxis(scatter: Float64Array): [number, number, number] {
  const v = [scatter[0]!, scatter[4]!, scatter[8]!];
  const j = v.indexOf(Math.max(...v));
  return [j === 0 ? 1 : 0, j === 1 ? 1 : 0, j === 2 ? 1 : 0];
}

/** Power iteration from the widest axis, which the scatter never maps to zero (its variance is the largest). */
function principalAxis(s: Float64Array): [number, number, number] {
  let v = widestAxis(s);
  for (let it = 0; it < 20; it++) {
    const next: [number, number, number] = [
      s[0]! * v[0] + s[1]! * v[1] + s[2]! * v[2],
      s[3]! * v[0] + s[4]! * v[1] + s[5]! * v[2],
      s[6]! * v[0] + s[7]! * v[1] + s[8]! * v[2],
    ];
    const norm = Math.hypot(...next);
    if (norm === 0) break;
    v = [next[0] / norm, next[1] / norm, next[2] / norm];
  }
  return v;
}

/** Reorders the group's points so those below the mean along `dir` come first; returns where the rest begin. */
function partition(
  points: Float32Array,
  order: Int32Array,
  group: Group,
  dir: [number, number, number],
): number {
  const [m0, m1, m2] = group.mean;
  const below = (i: number) =>
    (points[i * 3]! - m0) * dir[0] + (points[i * 3 + 1]! - m1) * dir[1] + (points[i * 3 + 2]! - m2) * dir[2] <
    0;
  let lo = group.start;
  let hi = group.end - 1;
  while (lo <= hi) {
    if (below(order[lo]!)) lo++;
    else {
      const t = order[lo]!;
      order[lo] = order[hi]!;
      order[hi--] = t;
    }
  }
  return lo;
}

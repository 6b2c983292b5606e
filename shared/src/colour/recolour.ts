import type { Lab, PaletteColour, Rgb } from '../domain/palette';
import { toHex } from '../domain/palette';
import { labToRgb, M_INV, rgbToLab } from './lab';

/** Bump when a plan for the same inputs would change: looks are stored under it. */
export const RECOLOUR_VERSION = 'recolour@1';

/** One source cluster colour and the colour that replaces it. */
export interface RecolourStep {
  from: Rgb;
  to: Rgb;
}

interface Weighted {
  lab: Lab;
  weight: number;
  /** The colour's band on the cumulative share axis (0..1), darkest first. */
  start: number;
  end: number;
}

/**
 * Maps each source cluster onto a target colour, keeping the photo's lightness structure: sources and targets are
 * ranked by L* and matched by quantile of their shares (a dominant target covers a wider band, so it takes more, and
 * larger, clusters), monotonically so a darker cluster never gets a lighter rank. With fewer targets than sources every
 * target is used and some are reused; with more, a subset is chosen and none is reused. The output keeps the source
 * cluster's L* and takes the target's a*, b*; chroma is reduced (hue kept) until the colour fits in sRGB.
 * L* is taken from each colour's `rgb`, since those are the values in the image. One step per source, in its order.
 */
export function planRecolour(source: PaletteColour[], targets: PaletteColour[]): RecolourStep[] {
  if (source.length === 0) return [];
  if (targets.length === 0) throw new RangeError('planRecolour needs at least one target colour');
  const labs = source.map((c) => rgbToLab(...c.rgb));
  const order = labs.map((_, i) => i).sort((i, j) => labs[i]![0] - labs[j]![0] || i - j);
  const ranked = withBands(order.map((i) => ({ lab: labs[i]!, share: source[i]!.share })));
  const pool = withBands(uniqueTargets(targets));
  const assigned = matchMonotonic(ranked, pool);

  const steps: RecolourStep[] = new Array(source.length);
  let previous: { sourceL: number; outL: number } | undefined;
  for (const [rank, index] of order.entries()) {
    const L = ranked[rank]!.lab[0];
    const [, a, b] = pool[assigned[rank]!]!.lab;
    const to = previous && L > previous.sourceL ? liftAbove(previous.outL, L, a, b) : fitToGamut(L, a, b);
    previous = { sourceL: L, outL: lightness(to) };
    steps[index] = { from: [...source[index]!.rgb], to };
  }
  return steps;
}

/**
 * An in-place mapper for packed RGB triplets: a pixel equal to a step's `from` becomes its `to` (each pixel is mapped
 * once, never chained); any other pixel passes unchanged. Posterised images come in runs, so the last lookup is reused.
 */
export function recolourLookup(plan: RecolourStep[]): (rgb: Uint8Array) => void {
  const table = new Map<number, number>();
  for (const { from, to } of plan) if (!table.has(pack(from))) table.set(pack(from), pack(to));
  return (rgb) => {
    let lastKey = -1;
    let lastValue = -1;
    const end = rgb.length - (rgb.length % 3);
    for (let i = 0; i < end; i += 3) {
      const key = (rgb[i]! << 16) | (rgb[i + 1]! << 8) | rgb[i + 2]!;
      if (key !== lastKey) {
        lastKey = key;
        lastValue = table.get(key) ?? key;
      }
      if (lastValue !== key) {
        rgb[i] = lastValue >>> 16;
        rgb[i + 1] = (lastValue >>> 8) & 255;
        rgb[i + 2] = lastValue & 255;
      }
    }
  };
}

const pack = ([r, g, b]: Rgb) => (r << 16) | (g << 8) | b;

/** Shares normalised to sum to 1 (equal when they are all zero), each colour with its band in the given order. */
function withBands(colours: { lab: Lab; share: number }[]): Weighted[] {
  const total = colours.reduce((sum, c) => sum + Math.max(0, c.share), 0);
  let cumulative = 0;
  return colours.map((c) => {
    const weight = total > 0 ? Math.max(0, c.share) / total : 1 / colours.length;
    cumulative += weight;
    return { lab: c.lab, weight, start: cumulative - weight, end: cumulative };
  });
}

/** The union of the target palettes: one entry per distinct colour, shares summed, darkest first. */
function uniqueTargets(targets: PaletteColour[]) {
  const byHex = new Map<string, { lab: Lab; share: number }>();
  for (const colour of targets) {
    const hex = toHex(colour.rgb);
    const entry = byHex.get(hex) ?? { lab: rgbToLab(...colour.rgb), share: 0 };
    entry.share += colour.share;
    byHex.set(hex, entry);
  }
  return [...byHex.entries()]
    .sort(([h1, t1], [h2, t2]) => t1.lab[0] - t2.lab[0] || (h1 < h2 ? -1 : 1))
    .map(([, t]) => t);
}

/**
 * The monotonic assignment of ranked sources to ranked targets with the least cost (dynamic programming over
 * source × target): onto every target when there are fewer targets, one-to-one when there are more.
 * A pair scores the overlap of their bands (a dominant target covers more of a dominant cluster's band), less the
 * cluster's weight × the distance between the bands' mid-points (which decides between non-overlapping targets).
 */
function matchMonotonic(sources: Weighted[], targets: Weighted[]): number[] {
  const n = sources.length;
  const m = targets.length;
  const reuse = m < n;
  const cost = (i: number, j: number) => {
    const s = sources[i]!;
    const t = targets[j]!;
    const overlap = Math.max(0, Math.min(s.end, t.end) - Math.max(s.start, t.start));
    return s.weight * Math.abs((s.start + s.end) / 2 - (t.start + t.end) / 2) - overlap;
  };
  const best: number[][] = [];
  const from: number[][] = [];
  for (let i = 0; i < n; i += 1) {
    best.push(new Array<number>(m).fill(Infinity));
    from.push(new Array<number>(m).fill(-1));
    for (let j = 0; j < m; j += 1) {
      if (i === 0) {
        if (!reuse || j === 0) best[0]![j] = cost(0, j);
        continue;
      }
      // Reusing: stay on the same target or move to the next one. One-to-one: come from any darker target.
      const candidates = reuse ? [j, j - 1] : Array.from({ length: j }, (_, k) => k);
      for (const k of candidates) {
        const total = (best[i - 1]![k] ?? Infinity) + cost(i, j);
        if (total < best[i]![j]!) {
          best[i]![j] = total;
          from[i]![j] = k;
        }
      }
    }
  }
  const last = best[n - 1]!;
  let j = reuse ? m - 1 : last.indexOf(Math.min(...last));
  const assigned = new Array<number>(n);
  for (let i = n - 1; i >= 0; i -= 1) {
    assigned[i] = j;
    j = from[i]![j]!;
  }
  return assigned;
}

const lightness = (rgb: Rgb) => rgbToLab(...rgb)[0];

/** 8-bit rounding can swap two clusters whose L* differ by less than a step: the lighter one is lifted just enough. */
function liftAbove(floor: number, L: number, a: number, b: number): Rgb {
  let rgb = fitToGamut(L, a, b);
  for (let lift = 0.25; lightness(rgb) <= floor && lift <= 4; lift += 0.25) rgb = fitToGamut(L + lift, a, b);
  return rgb;
}

/** The colour at L* with the hue of (a*, b*) and the most chroma up to theirs that sRGB can show. */
function fitToGamut(L: number, a: number, b: number): Rgb {
  const l = Math.min(100, Math.max(0, L));
  if (inGamut(l, a, b)) return labToRgb(l, a, b);
  let low = 0;
  let high = 1;
  for (let step = 0; step < 24; step += 1) {
    const mid = (low + high) / 2;
    if (inGamut(l, a * mid, b * mid)) low = mid;
    else high = mid;
  }
  return labToRgb(l, a * low, b * low);
}

// CIELAB (D65) → linear sRGB, unclamped, to tell whether a colour is displayable (`labToRgb` clamps).
const WHITE = [0.95047, 1, 1.08883];
const fInv = (t: number) => (t > 6 / 29 ? t * t * t : 3 * (6 / 29) ** 2 * (t - 4 / 29));

function inGamut(L: number, a: number, b: number): boolean {
  const fy = (L + 16) / 116;
  const xyz = [fInv(fy + a / 500) * WHITE[0]!, fInv(fy) * WHITE[1]!, fInv(fy - b / 200) * WHITE[2]!];
  for (let row = 0; row < 3; row += 1) {
    const v = M_INV[row * 3]! * xyz[0]! + M_INV[row * 3 + 1]! * xyz[1]! + M_INV[row * 3 + 2]! * xyz[2]!;
    if (v < -1e-4 || v > 1 + 1e-4) return false;
  }
  return true;
}

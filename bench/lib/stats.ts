export interface LatencySummary {
  n: number;
  p50: number;
  p99: number;
  mean: number;
}

/** Nearest-rank percentiles of latencies in milliseconds. */
export function summarise(samples: readonly number[]): LatencySummary {
  if (samples.length === 0) return { n: 0, p50: NaN, p99: NaN, mean: NaN };
  const sorted = Float64Array.from(samples).sort();
  const at = (p: number) =>
    sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil(p * sorted.length) - 1))]!;
  let sum = 0;
  for (const v of sorted) sum += v;
  return { n: sorted.length, p50: at(0.5), p99: at(0.99), mean: sum / sorted.length };
}

export const formatMs = (ms: number): string => (Number.isFinite(ms) ? ms.toFixed(2) : '—');
export const formatRate = (perSecond: number): string =>
  Number.isFinite(perSecond) ? perSecond.toFixed(0) : '—';
export const formatMb = (bytes: number): string => (bytes / (1024 * 1024)).toFixed(0);

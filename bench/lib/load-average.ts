import { availableParallelism, loadavg } from 'node:os';

export interface LoadSnapshot {
  /** 1, 5 and 15 minute load averages. */
  averages: [number, number, number];
  cores: number;
}

export const loadSnapshot = (): LoadSnapshot => {
  const [one, five, fifteen] = loadavg();
  return { averages: [one!, five!, fifteen!], cores: availableParallelism() };
};

export const formatLoad = (s: LoadSnapshot): string => s.averages.map((l) => l.toFixed(2)).join(' ');

/**
 * Whether other work shared the machine with a benchmark. Before it starts, anything above half the cores is someone
 * else's; after it, the benchmark's own threads count too (a load phase keeps every core busy, about `cores`), so
 * only more than one and a half times the cores says others were running beside it.
 */
export function busyWarning(before: LoadSnapshot, after: LoadSnapshot): string | null {
  const reasons: string[] = [];
  if (before.averages[0] > before.cores * 0.5)
    reasons.push(`1-minute load ${before.averages[0].toFixed(2)} before it started`);
  if (after.averages[0] > after.cores * 1.5)
    reasons.push(`1-minute load ${after.averages[0].toFixed(2)} when it ended`);
  if (reasons.length === 0) return null;
  return (
    `WARNING: the machine was busy (${reasons.join(', ')}, on ${before.cores} cores): ` +
    `other work took CPU from the servers and the driver, so these figures are low and noisy; run again on a quiet machine`
  );
}

import { readFile } from 'node:fs/promises';

/**
 * The runner under `npm start`: npm's child that runs the local runner's main (npm execs it through a shell, so it
 * may be a grandchild on some shells). Null until it exists.
 */
export async function findRunnerPid(npmPid: number): Promise<number | null> {
  const queue = [npmPid];
  while (queue.length > 0) {
    const pid = queue.shift()!;
    const cmdline = await readFile(`/proc/${pid}/cmdline`, 'utf8').catch(() => '');
    if (pid !== npmPid && cmdline.includes('local-runner/start.mjs')) return pid;
    const children = await readFile(`/proc/${pid}/task/${pid}/children`, 'utf8').catch(() => '');
    queue.push(...children.split(' ').filter(Boolean).map(Number));
  }
  return null;
}

/** Resident set size in bytes, from /proc/<pid>/status (VmRSS); null once the process is gone. */
export async function residentBytes(pid: number): Promise<number | null> {
  const status = await readFile(`/proc/${pid}/status`, 'utf8').catch(() => null);
  const kb = status && /^VmRSS:\s+(\d+) kB/m.exec(status)?.[1];
  return kb ? Number(kb) * 1024 : null;
}

export interface ProbeReading {
  pid: number;
  at: number;
  rss: number;
  heapTotal: number;
  heapUsed: number;
  external: number;
  arrayBuffers: number;
  /** Live handles by kind (timers, sockets, file handles). */
  resources: Record<string, number>;
}

/** The newest line memory-probe.mjs wrote into the runner's output. */
export function latestProbe(output: string): ProbeReading | null {
  const start = output.lastIndexOf('soak-probe {');
  if (start < 0) return null;
  const end = output.indexOf('\n', start);
  if (end < 0) return null;
  return JSON.parse(output.slice(start + 'soak-probe '.length, end)) as ProbeReading;
}

/**
 * Least-squares slope of `values` over `times` (ms), in units per minute: how fast memory grows across a stretch,
 * less sensitive to one sample taken just before or after a garbage collection than two end points are.
 */
export function slopePerMinute(times: number[], values: number[]): number {
  const n = times.length;
  if (n < 2) return 0;
  const mt = times.reduce((a, b) => a + b, 0) / n;
  const mv = values.reduce((a, b) => a + b, 0) / n;
  let num = 0;
  let den = 0;
  for (let i = 0; i < n; i++) {
    num += (times[i]! - mt) * (values[i]! - mv);
    den += (times[i]! - mt) ** 2;
  }
  return den === 0 ? 0 : (num / den) * 60_000;
}

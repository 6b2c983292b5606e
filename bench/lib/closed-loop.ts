export interface LoopOptions {
  concurrency: number;
  durationMs: number;
  /** Stops starting cycles after this many, whatever the time left. */
  maxCount: number;
  /** One cycle; resolves the latency of its named parts in ms (the loop records the whole as `total`). */
  cycle: () => Promise<Record<string, number>>;
}

export interface LoopResult {
  completed: number;
  errors: number;
  firstError: string | null;
  /** From the first start until the last cycle in flight finished. */
  elapsedMs: number;
  endedBy: 'time' | 'count';
  /** Latencies in ms of successful cycles: `total`, and each part the cycle reported. */
  samples: Record<string, number[]>;
}

/**
 * A closed loop: `concurrency` clients, each starting its next cycle when the last one ends, until the time is up or
 * `maxCount` cycles have started. Throughput is then what the server sustains, not what the driver offers.
 */
export async function closedLoop(options: LoopOptions): Promise<LoopResult> {
  const samples: Record<string, number[]> = { total: [] };
  let started = 0;
  let errors = 0;
  let firstError: string | null = null;
  const begin = performance.now();
  const deadline = begin + options.durationMs;

  const client = async () => {
    while (started < options.maxCount && performance.now() < deadline) {
      started++;
      const t0 = performance.now();
      try {
        const parts = await options.cycle();
        samples.total!.push(performance.now() - t0);
        for (const [name, ms] of Object.entries(parts)) (samples[name] ??= []).push(ms);
      } catch (err) {
        errors++;
        firstError ??= err instanceof Error ? err.message : String(err);
      }
    }
  };
  await Promise.all(Array.from({ length: options.concurrency }, client));

  return {
    completed: samples.total!.length,
    errors,
    firstError,
    elapsedMs: performance.now() - begin,
    endedBy: started >= options.maxCount ? 'count' : 'time',
    samples,
  };
}

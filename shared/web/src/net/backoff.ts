export interface BackoffSpec {
  /** The first step. */
  baseMs: number;
  /** No step is longer. */
  maxMs: number;
}

/**
 * Exponential backoff with jitter: step `attempt` (1, 2, …) is `baseMs · 2^(attempt−1)` capped at `maxMs`, and the
 * wait is 50–100 % of it, so a venue's phones that lost the network together do not come back in step.
 */
export function backoffDelayMs(
  spec: BackoffSpec,
  attempt: number,
  random: () => number = Math.random,
): number {
  const step = Math.min(spec.maxMs, spec.baseMs * 2 ** Math.max(0, attempt - 1));
  return Math.round(step * (0.5 + random() / 2));
}

/** Waits `ms`, or until `signal` aborts. */
export function sleep(ms: number, signal: AbortSignal): Promise<void> {
  return new Promise((resolve) => {
    const done = () => {
      clearTimeout(timer);
      signal.removeEventListener('abort', done);
      resolve();
    };
    const timer = setTimeout(done, signal.aborted ? 0 : ms);
    signal.addEventListener('abort', done);
  });
}

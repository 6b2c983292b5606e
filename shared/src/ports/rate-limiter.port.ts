/** What a limiter answers for one hit. */
export interface RateLimitDecision {
  allowed: boolean;
  /** Hits left in this window after this one (0 once refused). */
  remaining: number;
  /** When the window ends and the count starts again. */
  resetAt: Date;
}

/**
 * Counts calls per key (a route and its caller) in fixed windows. Every instance of a service shares the counts of
 * one store, so a limit holds across instances.
 */
export interface RateLimiter {
  /** Counts one hit of `key` in the `windowSeconds` window that holds `now`; allowed while the count is ≤ `limit`. */
  hit(key: string, limit: number, windowSeconds: number, now: Date): Promise<RateLimitDecision>;
}

/** The window of `windowSeconds` that holds `now`: its start and its end, in ms. */
export function windowOf(now: Date, windowSeconds: number): { start: number; end: number } {
  const size = windowSeconds * 1000;
  const start = Math.floor(now.getTime() / size) * size;
  return { start, end: start + size };
}

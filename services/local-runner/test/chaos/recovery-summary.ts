/** A restart must have finished every pipeline in flight at the kill within this long of its spawn. */
export const RECOVERY_BUDGET_MS = 10_000;

/** Per restart, milliseconds from the spawn (the same index in each list is the same restart). */
export interface RestartTimings {
  /** Until the `start-up recovery` log line: npm, Node, the bundle, config, the web apps' ports, the lock. */
  recoveredMs: number[];
  /** Until every server listened (the banner). */
  startMs: number[];
  /** Until every accepted event image was clustered. */
  recoveryMs: number[];
}

export interface Percentiles {
  p50: number;
  p90: number;
  p95: number;
  max: number;
}

/** Nearest-rank percentiles (a p95 is a value that was measured). */
export function percentiles(values: readonly number[]): Percentiles {
  const sorted = [...values].sort((a, b) => a - b);
  const pct = (p: number) => sorted[Math.max(0, Math.ceil((p / 100) * sorted.length) - 1)] ?? 0;
  return { p50: pct(50), p90: pct(90), p95: pct(95), max: sorted.at(-1) ?? 0 };
}

/**
 * Recovery percentiles split into phases, and the verdict against the budget: the restarts (1-based kill numbers)
 * that took longer.
 */
export function recoverySummary(timings: RestartTimings) {
  const { recoveredMs, startMs, recoveryMs } = timings;
  const overBudget = recoveryMs.flatMap((ms, i) => (ms > RECOVERY_BUDGET_MS ? [{ kill: i + 1, ms }] : []));
  return {
    recoveryMs: percentiles(recoveryMs),
    phases: {
      spawnToStartupRecoveryMs: percentiles(recoveredMs),
      startupRecoveryToListeningMs: percentiles(startMs.map((ms, i) => ms - recoveredMs[i]!)),
      listeningToDoneMs: percentiles(recoveryMs.map((ms, i) => ms - startMs[i]!)),
    },
    budgetMs: RECOVERY_BUDGET_MS,
    withinBudget: recoveryMs.length - overBudget.length,
    overBudget,
    pass: overBudget.length === 0,
  };
}

import { describe, expect, it } from 'vitest';
import { percentiles, recoverySummary } from './recovery-summary';

describe('chaos recovery summary', () => {
  it('when percentiles are asked of measured values, then each is one of them by nearest rank', () => {
    const values = Array.from({ length: 20 }, (_, i) => (20 - i) * 100);

    expect(percentiles(values)).toEqual({ p50: 1000, p90: 1800, p95: 1900, max: 2000 });
    expect(percentiles([])).toEqual({ p50: 0, p90: 0, p95: 0, max: 0 });
  });

  it('when a restart took longer than 10 s, then the run fails and names that kill', () => {
    const summary = recoverySummary({
      recoveredMs: [400, 500, 600],
      startMs: [900, 1200, 1500],
      recoveryMs: [2000, 10_001, 9000],
    });

    expect(summary.pass).toBe(false);
    expect(summary.withinBudget).toBe(2);
    expect(summary.overBudget).toEqual([{ kill: 2, ms: 10_001 }]);
    expect(summary.phases.startupRecoveryToListeningMs.max).toBe(900);
    expect(summary.phases.listeningToDoneMs).toEqual({ p50: 7500, p90: 8801, p95: 8801, max: 8801 });
  });

  it('when every restart finished within 10 s, then the run passes', () => {
    expect(recoverySummary({ recoveredMs: [1], startMs: [2], recoveryMs: [10_000] }).pass).toBe(true);
  });
});

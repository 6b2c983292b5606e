import { describe, expect, it } from 'vitest';
import type { ShutterOutcome, ShutterSample } from './shutter-to-phone.load';
import { report, ROWS, spread } from './shutter-to-phone.report';

const sample = (fetchedMs: number): ShutterSample => ({
  answeredMs: fetchedMs / 3,
  eventMs: fetchedMs / 2,
  fetchedMs,
  bytes: 1000,
});

const run = (fetched: number[], errors = 0) => {
  const outcome: ShutterOutcome = {
    samples: fetched.map(sample),
    errors,
    firstError: errors ? 'photo PUT answered 502' : null,
    elapsedMs: 10_000,
  };
  return report({
    outcome,
    ratePerSecond: 10,
    phones: 150,
    photoBytes: 4e5,
    warmupSeconds: 1,
    seconds: 8,
    loopDelayMs: { p50: 10, p99: 480, max: 512 },
  });
};

const cells = (table: ReturnType<typeof run>['table'], label: string) =>
  table.rows.find((r) => r.label === label)!.cells;

describe('the shutter-to-phone report', () => {
  it('when it reports, then the headline quotes the p50 and p95 of the row it names', () => {
    const fetched = Array.from({ length: 100 }, (_, i) => 50 + i);
    const { headlines, table } = run(fetched);
    const [p50, p95, p99, max, n] = cells(table, ROWS.fetched);
    expect([p50, p95, p99, max, n]).toEqual(['99.00', '144.00', '148.00', '149.00', '100']);
    expect(headlines![0]).toContain(`p50 ${p50} ms, p95 ${p95} ms over 100 uploads with 0 errors`);
    expect(headlines![0]).toMatch(/— met$/);
  });

  it('when the p95 is over 400 ms, then the goal is not met', () => {
    const fetched = [...Array.from({ length: 90 }, () => 100), ...Array.from({ length: 10 }, () => 900)];
    expect(run(fetched).headlines![0]).toMatch(/NOT met$/);
  });

  it('when an upload failed, then the goal is not met whatever the latencies', () => {
    const { headlines, notes } = run([100, 100], 1);
    expect(headlines![0]).toMatch(/with 1 errors.*NOT met$/);
    expect(notes.at(-1)).toBe('first error: photo PUT answered 502');
    expect(notes.at(-2)).toContain('p50 10.00 ms, p99 480.00 ms, max 512.00 ms');
  });

  it('when there are no samples, then every figure is a dash, not a number', () => {
    expect(spread([])).toEqual({ n: 0, p50: NaN, p95: NaN, p99: NaN, max: NaN });
    expect(cells(run([]).table, ROWS.fetched).slice(0, 4)).toEqual(['—', '—', '—', '—']);
  });
});

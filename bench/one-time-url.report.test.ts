import { describe, expect, it } from 'vitest';
import type { Table } from './lib/benchmark';
import type { LoopResult } from './lib/closed-loop';
import { mergePhases, report, ROWS, type Phase } from './one-time-url.report';

const CTX = { concurrency: 16, warmupSeconds: 1, seconds: 4 };

/** A phase that completed `count` requests in 4 s, with the latencies given (every part reports them too). */
function phase(count: number, latencies: number[], pool: Phase['outcome']['pool'] = null): Phase {
  const measured: LoopResult = {
    completed: count,
    errors: 0,
    firstError: null,
    elapsedMs: 4000,
    endedBy: 'time',
    samples: { total: latencies, issue: latencies, redeem: latencies },
  };
  return { outcome: { warmup: { completed: 0, errors: 0 }, measured, pool }, peakRss: 100 * 1024 * 1024 };
}

const cell = (table: Table, row: string, column: string): number =>
  Number(table.rows.find((r) => r.label === row)!.cells[table.columns.indexOf(column)]);

/** The `0.93×` of the headline that starts with `label`. */
const ratioIn = (headlines: string[], label: string): number =>
  Number(/: ([0-9.]+)×/.exec(headlines.find((h) => h.startsWith(label))!)![1]);

describe('the one-time URL report', () => {
  const pool = { urls: 5000, ms: 2000, errors: 0 };
  const phases = {
    cycle: phase(2000, [4, 5, 6, 30]),
    redeem: phase(5600, [2, 3, 3, 12], pool),
    anchor: phase(6000, [2, 2, 3, 5]),
    nginx: { version: 'nginx/1.22.1', phase: phase(24_000, [1, 1, 1, 2]) },
  };

  it('when it reports, then every headline ratio is the ratio of the figures in the rows it names', () => {
    const { headlines, table } = report(CTX, 200_000, phases);
    const rate = (row: string) => cell(table, row, 'req/s');
    const p99 = (row: string) => cell(table, row, 'p99 ms');

    expect(ratioIn(headlines!, 'redeem vs node:http static, req/s')).toBeCloseTo(
      rate(ROWS.redeem) / rate(ROWS.anchor),
      2,
    );
    expect(ratioIn(headlines!, 'redeem vs node:http static, p99')).toBeCloseTo(
      p99(ROWS.redeem) / p99(ROWS.anchor),
      2,
    );
    expect(ratioIn(headlines!, 'issue + redeem cycle vs node:http static')).toBeCloseTo(
      rate(ROWS.cycle) / rate(ROWS.anchor),
      2,
    );
    expect(ratioIn(headlines!, 'redeem vs nginx')).toBeCloseTo(rate(ROWS.redeem) / rate(ROWS.nginx), 2);
  });

  it('when a ratio reaches its goal, then its headline says met, and NOT met when it falls short', () => {
    const { headlines } = report(CTX, 200_000, phases);
    // 1400 / 1500 req/s = 0.93 ≥ 0.9; p99 12 / 5 = 2.4 > 2; cycle 500 / 1500 = 0.33 < 0.5.
    expect(headlines!.find((h) => h.startsWith('redeem vs node:http static, req/s'))).toMatch(/— met$/);
    expect(headlines!.find((h) => h.startsWith('redeem vs node:http static, p99'))).toMatch(/NOT met$/);
    expect(headlines!.find((h) => h.startsWith('issue + redeem cycle'))).toMatch(/NOT met$/);
  });

  it('when nginx was not on PATH, then its row is absent and the headline says it was skipped', () => {
    const { headlines, table } = report(CTX, 200_000, { ...phases, nginx: null });
    expect(table.rows.map((r) => r.label)).not.toContain(ROWS.nginx);
    expect(headlines).toContain(
      'redeem vs nginx with sendfile: skipped, no nginx on PATH (apt-get install nginx-light)',
    );
  });

  it('when a phase ran in turns, then its row counts every turn: completed and time added up, latencies pooled', () => {
    const merged = mergePhases([phase(600, [1, 2]), phase(300, [3]), phase(900, [4, 5, 6])]);
    expect(merged.outcome.measured.completed).toBe(1800);
    expect(merged.outcome.measured.elapsedMs).toBe(12_000);
    expect(merged.outcome.measured.samples.total).toEqual([1, 2, 3, 4, 5, 6]);
    const { table } = report(CTX, 200_000, { ...phases, anchor: merged });
    expect(cell(table, ROWS.anchor, 'req/s')).toBe(150);
  });
});

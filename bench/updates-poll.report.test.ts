import { describe, expect, it } from 'vitest';
import type { LoopResult } from './lib/closed-loop';
import type { PhonesResult } from './updates-poll.load';
import { report, ROWS, type PhoneStep } from './updates-poll.report';

const CTX = { concurrency: 16, warmupSeconds: 1, seconds: 4 };

const loop = (completed: number): LoopResult => ({
  completed,
  errors: 0,
  firstError: null,
  elapsedMs: 4000,
  endedBy: 'time',
  samples: { total: [1, 2, 3] },
});

const step = (phones: number, latency: number, errors = 0): PhoneStep => {
  const result: PhonesResult = {
    due: phones,
    completed: phones,
    errors,
    firstError: errors ? 'poll answered 503, not 304' : null,
    elapsedMs: 4000,
    latencies: Array.from({ length: 200 }, () => latency),
  };
  return { phones, result };
};

describe('the updates-poll report', () => {
  const run = {
    ours: loop(24_000),
    anchor: loop(40_000),
    steps: [step(500, 5), step(1000, 8), step(2000, 80), step(1500, 30), step(1750, 60, 2)],
    participants: 200,
    sockets: 256,
  };

  it('when it reports, then the 304 headline is the ratio of the two rows it names', () => {
    const { headlines, table } = report(CTX, run);
    const rate = (label: string) => Number(table.rows.find((r) => r.label === label)!.cells[0]);
    const ratio = Number(/: ([0-9.]+)×/.exec(headlines![0]!)![1]);
    expect(ratio).toBeCloseTo(rate(ROWS.ours) / rate(ROWS.anchor), 2);
    expect(headlines![0]).toMatch(/— met$/);
  });

  it('when the search ends, then the count held is the largest with p99 under 50 ms and no errors, beside the next one up', () => {
    const { headlines, table } = report(CTX, run);
    expect(headlines![1]).toContain('with p99 < 50 ms: 1500 ');
    expect(headlines![1]).toContain('1750 were not');
    expect(table.rows.map((r) => r.label)).toEqual([
      ROWS.ours,
      ROWS.anchor,
      ROWS.held(1500),
      ROWS.dropped(1750),
    ]);
  });
});

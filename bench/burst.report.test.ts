import { describe, expect, it } from 'vitest';
import { report, ROWS, type BurstRun } from './burst.report';

const MB = 1024 * 1024;
const run = (over: Partial<BurstRun> = {}): BurstRun => ({
  images: 50,
  megapixels: 12,
  jpegBytes: 50 * 2.5e6,
  anchorMs: 50_000,
  acceptedMs: 40_000,
  clusteredMs: 60_000,
  systemPeakRss: 500 * MB,
  anchorPeakRss: 300 * MB,
  refusals: ['503', '503', '502'],
  deadLetters: 0,
  backlog: 0,
  ...over,
});

const rate = (table: ReturnType<typeof report>['table'], label: string) =>
  Number(table.rows.find((r) => r.label === label)!.cells[0]);

describe('the burst report', () => {
  it('when it reports, then the throughput headline is the ratio of the two rows it names', () => {
    const { headlines, table } = report(run());
    const ratio = Number(/: ([0-9.]+)×/.exec(headlines![0]!)![1]);
    expect(ratio).toBeCloseTo(rate(table, ROWS.ours) / rate(table, ROWS.anchor), 2);
    expect(headlines![0]).toMatch(/0\.83×.*— met$/);
  });

  it('when the system is slower than 0.8× the loop, over 600 MB or dead-lettered, then each goal says NOT met', () => {
    const { headlines } = report(run({ clusteredMs: 70_000, systemPeakRss: 700 * MB, deadLetters: 2 }));
    expect(headlines![0]).toMatch(/NOT met$/);
    expect(headlines![1]).toMatch(/^peak RSS of the system: 700 MB.*NOT met$/);
    expect(headlines![2]).toMatch(/^dead letters: 2.*NOT met$/);
  });

  it('when sends were refused, then the notes count them by reason', () => {
    expect(report(run()).notes[0]).toContain('3 sends were refused (503 × 2, 502 × 1)');
    expect(report(run({ refusals: [] })).notes[0]).toContain('0 sends were refused (none)');
  });
});

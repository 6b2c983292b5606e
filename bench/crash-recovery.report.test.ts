import { describe, expect, it } from 'vitest';
import { report, ROWS, type CrashRun } from './crash-recovery.report';

const run = (over: Partial<CrashRun> = {}): CrashRun => ({
  images: 12,
  acceptedBeforeKill: 5,
  clusteredBeforeKill: 1,
  listeningMs: 2_500,
  doneMs: 8_000,
  reclaimedLeases: 2,
  lostOrDuplicated: [],
  deadLetters: 0,
  ...over,
});

const seconds = (table: ReturnType<typeof report>['table'], label: string) =>
  table.rows.find((r) => r.label === label)!.cells[0];

describe('the crash-recovery report', () => {
  it('when it reports, then the headline quotes the recovery row and the goal', () => {
    const { headlines, table } = report(run());
    expect(headlines![0]).toContain(`${Number(seconds(table, ROWS.done)).toFixed(1)} s`);
    expect(headlines![0]).toMatch(/goal ≤ 10 s — met$/);
    expect(table.rows.find((r) => r.label === ROWS.done)!.cells[1]).toBe('11');
  });

  it('when recovery takes over 10 s, or an image is lost, then that goal is not met', () => {
    expect(report(run({ doneMs: 10_001 })).headlines![0]).toMatch(/NOT met$/);
    const lost = report(run({ lostOrDuplicated: ['img_1 lost'] }));
    expect(lost.headlines![1]).toMatch(/1 images lost or duplicated.*NOT met$/);
    expect(lost.notes[2]).toContain('img_1 lost');
  });
});

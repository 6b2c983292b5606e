import { describe, expect, it } from 'vitest';
import { IMAGE_STATUSES } from '@photo/shared/domain/image';
import type { ImageRepository, StatusCounts, TimeBuckets } from '@photo/shared/ports/image-repository.port';
import { eventDashboard, type EventDashboardDeps } from './event-dashboard';

const MINUTE = 60_000;
const T0 = Date.parse('2025-06-01T10:00:00.000Z');
const none = Object.fromEntries(IMAGE_STATUSES.map((s) => [s, 0])) as StatusCounts;

/** Photo uploads at these instants; every countVersions call is recorded. */
function fakeDeps(uploads: number[], now: { t: number }) {
  const calls: TimeBuckets[] = [];
  const images = {
    countByStatus: async () => ({ ...none, uploaded: 1, empty: 1 }),
    firstVersionAt: async () => (uploads.length ? new Date(Math.min(...uploads)) : null),
    countVersions: async (_kind: string, b: TimeBuckets) => {
      calls.push(b);
      return Array.from({ length: b.count }, (_, i) => {
        const from = b.from.getTime() + i * b.widthMs;
        return uploads.filter((u) => u >= from && u < from + b.widthMs).length;
      });
    },
  } as Partial<ImageRepository> as ImageRepository;
  const deps: EventDashboardDeps = {
    images,
    participants: { count: async () => 3 } as EventDashboardDeps['participants'],
    deadLetters: { countWaiting: async () => 2 } as EventDashboardDeps['deadLetters'],
    clock: { now: () => new Date(now.t) },
  };
  return { deps, calls };
}

describe('eventDashboard', () => {
  it('when photos span 30 minutes, then one bar a minute from the first, and settled bars are not counted again', async () => {
    const now = { t: T0 + 30 * MINUTE + 5_000 };
    const { deps, calls } = fakeDeps([T0 + 1_000, T0 + 2_000, T0 + 29 * MINUTE, T0 + 30 * MINUTE], now);
    const read = eventDashboard(deps);
    const first = await read();
    expect(first.photosOverTime?.widthMinutes).toBe(1);
    expect(first.photosOverTime?.from).toEqual(new Date(T0));
    expect(first.photosOverTime?.counts).toHaveLength(31);
    expect(first.photosOverTime?.counts.slice(0, 2)).toEqual([2, 0]);
    expect(first.photosOverTime?.counts.slice(-2)).toEqual([1, 1]);
    expect(first.participants).toEqual({ total: 3, photographed: 1 });
    expect(first.deadLettersWaiting).toBe(2);
    now.t += 10_000;
    const second = await read();
    expect(second.photosOverTime).toEqual(first.photosOverTime);
    // The recent-photos count, then only the last two bars: the ones not yet a minute closed.
    expect(calls.at(-1)).toEqual({ from: new Date(T0 + 29 * MINUTE), widthMs: MINUTE, count: 2 });
  });

  it('when the event has run for 5 hours, then bars widen so that no more than 60 are drawn', async () => {
    const now = { t: T0 + 5 * 60 * MINUTE };
    const { deps } = fakeDeps([T0], now);
    const d = await eventDashboard(deps)();
    expect(d.photosOverTime?.widthMinutes).toBe(10);
    expect(d.photosOverTime?.counts.length).toBeLessThanOrEqual(60);
    expect(d.photosOverTime?.counts.reduce((a, b) => a + b)).toBe(1);
  });

  it('when the first photo is stamped a moment ahead of this clock, then the chart has its one bar', async () => {
    const { deps } = fakeDeps([T0 + MINUTE + 500], { t: T0 + MINUTE - 100 });
    const d = await eventDashboard(deps)();
    expect(d.photosOverTime?.counts).toEqual([1]);
  });

  it('when no photo was taken yet, then there is no chart', async () => {
    const { deps } = fakeDeps([], { t: T0 });
    expect((await eventDashboard(deps)()).photosOverTime).toBeNull();
  });
});

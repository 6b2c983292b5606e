import type { Clock } from '@photo/shared/ports/common';
import type { DeadLetterRepository } from '@photo/shared/ports/dead-letter-repository.port';
import type { ImageRepository, StatusCounts } from '@photo/shared/ports/image-repository.port';
import type { ParticipantRepository } from '@photo/shared/ports/participant-repository.port';

const MINUTE = 60_000;
/** Bar widths the chart may use, in minutes: the narrowest that keeps it within MAX_BARS. */
const WIDTHS = [1, 2, 5, 10, 15, 30, 60, 120, 240, 480, 1440];
const MAX_BARS = 60;
/** A bucket this long closed no longer changes (an upload's time is set when it commits, within seconds). */
const SETTLED_MS = MINUTE;
export const RECENT_MS = 10 * MINUTE;

export interface EventDashboard {
  participants: { total: number; photographed: number };
  photosLast10Minutes: number;
  images: { event: StatusCounts; participantPhoto: StatusCounts };
  deadLettersWaiting: number;
  /** Participant photos per bar since the first one; null before any. */
  photosOverTime: { from: Date; widthMinutes: number; counts: number[] } | null;
}

export interface EventDashboardDeps {
  participants: ParticipantRepository;
  images: ImageRepository;
  deadLetters: DeadLetterRepository;
  clock: Clock;
}

/**
 * The live state of the event, from counts the repositories keep indexed. Bars of the chart that have settled are
 * remembered, so a poll every few seconds asks the store only for the newest ones (in Firestore, each bar is one
 * count() aggregation).
 */
export function eventDashboard(deps: EventDashboardDeps): () => Promise<EventDashboard> {
  const settled = new Map<string, number>();
  let settledWidth = 0;

  async function photosOverTime(now: number): Promise<EventDashboard['photosOverTime']> {
    const first = await deps.images.firstVersionAt('participant-photo');
    if (!first) return null;
    const widthMinutes = WIDTHS.find((w) => (now - first.getTime()) / (w * MINUTE) < MAX_BARS) ?? 1440;
    const widthMs = widthMinutes * MINUTE;
    if (widthMs !== settledWidth) {
      settled.clear();
      settledWidth = widthMs;
    }
    const from = Math.floor(first.getTime() / widthMs) * widthMs;
    // Another instance's clock may have stamped the first photo a moment ahead of this one's: one bar all the same.
    const count = Math.max(1, Math.floor((now - from) / widthMs) + 1);
    const key = (i: number) => `${from + i * widthMs}`;
    let known = 0;
    while (known < count && settled.has(key(known))) known += 1;
    const fresh = await deps.images.countVersions('participant-photo', {
      from: new Date(from + known * widthMs),
      widthMs,
      count: count - known,
    });
    fresh.forEach((n, j) => {
      const i = known + j;
      if (from + (i + 1) * widthMs + SETTLED_MS <= now) settled.set(key(i), n);
    });
    const counts = [...Array.from({ length: known }, (_, i) => settled.get(key(i))!), ...fresh];
    return { from: new Date(from), widthMinutes, counts };
  }

  return async () => {
    const now = deps.clock.now().getTime();
    const [total, event, participantPhoto, recent, deadLettersWaiting, overTime] = await Promise.all([
      deps.participants.count(),
      deps.images.countByStatus('event'),
      deps.images.countByStatus('participant-photo'),
      deps.images.countVersions('participant-photo', {
        from: new Date(now - RECENT_MS),
        widthMs: RECENT_MS,
        count: 1,
      }),
      deps.deadLetters.countWaiting(),
      photosOverTime(now),
    ]);
    // A participant's photo image is created with their first shot; it stays 'empty' only if that upload never landed.
    const photographed = Object.values(participantPhoto).reduce((a, b) => a + b, 0) - participantPhoto.empty;
    return {
      participants: { total, photographed },
      photosLast10Minutes: recent[0] ?? 0,
      images: { event, participantPhoto },
      deadLettersWaiting,
      photosOverTime: overTime,
    };
  };
}

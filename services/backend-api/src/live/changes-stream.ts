import type { Clock } from '@photo/shared/ports/common';
import type { SseEvent, SseRound } from './sse';

/** Items that say when they last changed (the watermark follows `updatedAt`). */
export interface ChangesSource<T extends { updatedAt: Date }> {
  /** Items changed at or after `since`, oldest change first, at most `limit`. */
  read(since: Date, limit: number): Promise<T[]>;
  id(item: T): string;
  /** Grows with every change of the item (by default its change time): a change already sent is not sent again. */
  version?(item: T): number;
  /** The SSE event for the item. */
  event(item: T): Promise<SseEvent> | SseEvent;
}

const BATCH = 50;

/**
 * The rounds of one kind of change (notifications, uploads) on a participant's stream, from the moment it opened.
 * Changes are found by their change time with a watermark a millisecond behind the newest one seen, and (id, version)
 * pairs already sent are skipped, so two changes in the same millisecond are both sent, each once.
 */
export function changesRound<T extends { updatedAt: Date }>(
  source: ChangesSource<T>,
  clock: Clock,
  from: Date | null = null,
): SseRound {
  const changedAt = (item: T) => item.updatedAt.getTime();
  const version = source.version ?? changedAt;
  // A millisecond back: a change committed in the very millisecond the stream opened is still sent. A stream that
  // resumes (`from`: its client's last event) starts there.
  let since = from ?? new Date(clock.now().getTime() - 1);
  const sent = new Map<string, { version: number; at: number }>();
  return async (write) => {
    const changed = await source.read(since, BATCH);
    for (const item of changed) {
      const id = source.id(item);
      if ((sent.get(id)?.version ?? -Infinity) >= version(item)) continue;
      sent.set(id, { version: version(item), at: changedAt(item) });
      write(await source.event(item));
    }
    const newest = changed.at(-1);
    const advanced = newest !== undefined && changedAt(newest) - 1 > since.getTime();
    if (advanced) since = new Date(changedAt(newest) - 1);
    for (const [id, s] of sent) if (s.at < since.getTime()) sent.delete(id);
    return changed.length === BATCH && advanced;
  };
}

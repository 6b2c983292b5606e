import type { Clock } from '@photo/shared/ports/common';
import type { SseEvent, SseRound } from './sse';

export interface ChangesSource<T> {
  /** Items of the participant changed at or after `since`, oldest change first, at most `limit`. */
  read(since: Date, limit: number): Promise<T[]>;
  id(item: T): string;
  /** When the item last changed (the watermark follows it). */
  changedAt(item: T): number;
  /** Grows with every change of the item: a change already sent is not sent again. */
  version(item: T): number;
  /** The SSE event for the item. */
  event(item: T): Promise<SseEvent> | SseEvent;
}

const BATCH = 50;

/**
 * The rounds of one kind of change (notifications, uploads) on a participant's stream, from the moment it opened.
 * Changes are found by their change time with a watermark a millisecond behind the newest one seen, and (id, version)
 * pairs already sent are skipped, so two changes in the same millisecond are both sent, each once.
 */
export function changesRound<T>(source: ChangesSource<T>, clock: Clock, from: Date | null = null): SseRound {
  // A millisecond back: a change committed in the very millisecond the stream opened is still sent. A stream that
  // resumes (`from`: its client's last event) starts there.
  let since = from ?? new Date(clock.now().getTime() - 1);
  const sent = new Map<string, { version: number; at: number }>();
  return async (write) => {
    const changed = await source.read(since, BATCH);
    for (const item of changed) {
      const id = source.id(item);
      if ((sent.get(id)?.version ?? -Infinity) >= source.version(item)) continue;
      sent.set(id, { version: source.version(item), at: source.changedAt(item) });
      write(await source.event(item));
    }
    const newest = changed.at(-1);
    const advanced = newest !== undefined && source.changedAt(newest) - 1 > since.getTime();
    if (advanced) since = new Date(source.changedAt(newest) - 1);
    for (const [id, s] of sent) if (s.at < since.getTime()) sent.delete(id);
    return changed.length === BATCH && advanced;
  };
}

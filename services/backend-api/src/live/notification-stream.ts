import type { Response } from 'express';
import type { Clock } from '@photo/shared/ports/common';
import type { NotificationRepository } from '@photo/shared/ports/notification-repository.port';
import { toNotificationEventView } from '../http/notification-views';
import { describeNotification, type InboxDeps } from '../use-cases/notifications';

export type NotificationStreamDeps = Omit<InboxDeps, 'imageServer'> & {
  notifications: NotificationRepository;
  clock: Clock;
};

const BATCH = 50;

/**
 * The notification half of a participant's SSE stream: every notification created or changed after the stream
 * opened is written as `event: notification` with a NotificationEvent (no thumbnail: a one-time URL per event would
 * be spent on nothing; the app fetches the inbox for those). A change is found by `updatedAt`; the watermark stays
 * a millisecond behind the newest one seen, and (id, updatedAt) pairs already sent are skipped, so two changes in
 * the same millisecond are both sent, each once.
 */
export function notificationStream(
  deps: NotificationStreamDeps,
  res: Response,
  visitorId: string,
): { send: () => Promise<void> } {
  // A millisecond back: a notification committed in the very millisecond the stream opened is still sent.
  let since = new Date(deps.clock.now().getTime() - 1);
  const sent = new Map<string, number>();
  let busy = false;
  let again = false;
  const send = async (): Promise<void> => {
    if (busy) return void (again = true);
    busy = true;
    try {
      do {
        again = false;
        const changed = await deps.notifications.changedSince(visitorId, since, BATCH);
        for (const n of changed) {
          const at = n.updatedAt.getTime();
          if (sent.get(n.notificationId) === at) continue;
          sent.set(n.notificationId, at);
          res.write(
            `event: notification\ndata: ${JSON.stringify(toNotificationEventView(await describeNotification(deps, n)))}\n\n`,
          );
        }
        const newest = changed.at(-1)?.updatedAt.getTime();
        const advanced = newest !== undefined && newest - 1 > since.getTime();
        if (advanced) since = new Date(newest - 1);
        for (const [id, at] of sent) if (at < since.getTime()) sent.delete(id);
        if (changed.length === BATCH && advanced) again = true;
      } while (again);
    } catch (err) {
      res.destroy(err instanceof Error ? err : undefined);
    } finally {
      busy = false;
    }
  };
  return { send };
}

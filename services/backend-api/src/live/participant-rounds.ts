import { toUploadView } from '@photo/shared/http/upload-views';
import type { Clock } from '@photo/shared/ports/common';
import type { NotificationRepository } from '@photo/shared/ports/notification-repository.port';
import type { UploadIntentRepository } from '@photo/shared/ports/upload-intent-repository.port';
import { toNotificationEventView } from '../http/notification-views';
import { describeNotification, type InboxDeps } from '../use-cases/notifications';
import { changesRound } from './changes-stream';
import type { SseRound } from './sse';

export type NotificationStreamDeps = Omit<InboxDeps, 'imageServer'> & {
  notifications: NotificationRepository;
  clock: Clock;
};

/**
 * The notification half of a participant's SSE stream: every notification created or changed after the stream
 * opened, as `event: notification` with a NotificationEvent (no thumbnail: a one-time URL per event would be spent
 * on nothing; the app fetches the inbox for those).
 */
export function notificationRound(deps: NotificationStreamDeps, visitorId: string): SseRound {
  return changesRound(
    {
      read: (since, limit) => deps.notifications.changedSince(visitorId, since, limit),
      id: (n) => n.notificationId,
      event: async (n) => ({
        event: 'notification',
        data: toNotificationEventView(await describeNotification(deps, n)),
      }),
    },
    deps.clock,
  );
}

export interface UploadStreamDeps {
  uploads: UploadIntentRepository;
  clock: Clock;
}

/**
 * The upload half of a participant's SSE stream: every upload of their photo that changes after the stream opened,
 * as `event: upload` with the Upload view (an intent's revision grows with each change).
 */
export function uploadRound(deps: UploadStreamDeps, visitorId: string): SseRound {
  return changesRound(
    {
      read: (since, limit) => deps.uploads.listByOwner(visitorId, since, limit),
      id: (intent) => intent.intentId,
      version: (intent) => intent.revision,
      event: (intent) => ({ event: 'upload', data: toUploadView(intent) }),
    },
    deps.clock,
  );
}

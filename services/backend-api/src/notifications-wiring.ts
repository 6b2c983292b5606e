import type { Router } from 'express';
import type { Clock } from '@photo/shared/ports/common';
import type { ImageRepository } from '@photo/shared/ports/image-repository.port';
import type { ImageServerClient } from '@photo/shared/ports/image-server-client.port';
import type { LikeRepository } from '@photo/shared/ports/like-repository.port';
import type { NotificationRepository } from '@photo/shared/ports/notification-repository.port';
import type { NotificationSettingsRepository } from '@photo/shared/ports/notification-settings.port';
import type { ParticipantRepository } from '@photo/shared/ports/participant-repository.port';
import type { Authenticator } from './auth/authenticator';
import type { UpdateHub } from './live/update-hub';
import type { NotificationStreamDeps } from './live/notification-stream';
import type { Limits } from './routes/limited';
import { likeRoutes } from './routes/likes.routes';
import { notificationSettingsRoutes } from './routes/notification-settings.routes';
import { notificationRoutes } from './routes/notifications.routes';

/** What the backend needs for likes, the inbox and notification settings. */
export interface BackendNotificationDeps {
  likes: LikeRepository;
  notifications: NotificationRepository;
  settings: NotificationSettingsRepository;
  /**
   * Publishes what a like committed to the outbox, before the like answers (OutboxRelay.flush): relay latency does not
   * depend on traffic. The relay's timer and the notification worker's dispatch sweep are the backstops.
   */
  wakeRelay: () => Promise<void>;
  /** Notifications link into the app: deepLinkBase + imageId. */
  deepLinkBase: string;
  /** The VAPID public key the app subscribes with (applicationServerKey); null when push is not configured. */
  vapidPublicKey: string | null;
  /** Accept http://127.0.0.1 push endpoints (tests); production accepts https only. */
  allowLoopbackPushEndpoints: boolean;
}

interface Shared {
  auth: Authenticator;
  clock: Clock;
  hub: UpdateHub;
  images: ImageRepository;
  participants: ParticipantRepository;
  imageServer: ImageServerClient;
  limits: Limits;
}

/** The routes of likes and notifications, and what the SSE stream needs to send `notification` events. */
export function notificationFeature(
  n: BackendNotificationDeps,
  s: Shared,
): { routes: Router[]; live: NotificationStreamDeps } {
  const live: NotificationStreamDeps = {
    notifications: n.notifications,
    participants: s.participants,
    images: s.images,
    deepLinkBase: n.deepLinkBase,
    clock: s.clock,
  };
  const committed = async ({ recipientVisitorId }: { recipientVisitorId: string | null }) => {
    if (recipientVisitorId) s.hub.notify(recipientVisitorId, 'notification');
    await n.wakeRelay();
  };
  return {
    live,
    routes: [
      likeRoutes({
        auth: s.auth,
        images: s.images,
        likes: n.likes,
        clock: s.clock,
        committed,
        limits: s.limits,
      }),
      notificationRoutes({ ...live, auth: s.auth, imageServer: s.imageServer }),
      notificationSettingsRoutes({
        auth: s.auth,
        settings: n.settings,
        clock: s.clock,
        allowLoopbackPushEndpoints: n.allowLoopbackPushEndpoints,
        vapidPublicKey: n.vapidPublicKey,
      }),
    ],
  };
}

import { done, eventHandler, skipped } from '@photo/shared/bus/event-handler';
import { eventRouter } from '@photo/shared/bus/event-router';
import { likeCreated, likeRemoved } from '@photo/shared/events/catalog';
import type { Clock } from '@photo/shared/ports/common';
import type { DeliveryRepository } from '@photo/shared/ports/delivery-repository.port';
import type { NotificationRepository } from '@photo/shared/ports/notification-repository.port';

export interface LikeActivityDeps {
  notifications: NotificationRepository;
  deliveries: DeliveryRepository;
  clock: Clock;
  policy: { digestWindowMs: number };
}

/**
 * Firestore sustains about one write a second to one document: a popular image's likes are counted into its
 * notification at most this often (the digest counts the rest when it closes the group).
 */
export const AGGREGATE_INTERVAL_MS = 1000;

/**
 * The activity subscription (source = likes). `like.created` counts the like into its notification (at most once a
 * second per notification) and schedules the notification's digest at the end of its window, once per notification
 * (later likes of the group find it scheduled); `like.removed` that took away the last like cancels what is pending.
 * Both are idempotent, and the order they arrive in does not matter: the repositories are the truth, and the
 * dispatcher checks the notification again before anything goes out.
 */
export function likeActivityHandler(deps: LikeActivityDeps) {
  return eventRouter({
    [likeCreated.name]: eventHandler(likeCreated, async (event) => {
      if (event.notificationId === null || event.recipientVisitorId === null)
        return skipped('nobody to notify: a self-like or an image with no owner');
      const notification = await deps.notifications.aggregate(event.notificationId, deps.clock.now(), {
        minIntervalMs: AGGREGATE_INTERVAL_MS,
      });
      if (!notification) return skipped('the notification was removed (every like withdrawn)');
      const { outcome } = await deps.deliveries.schedule({
        notificationId: notification.notificationId,
        recipientVisitorId: notification.recipientVisitorId,
        channel: 'digest',
        dueAt: new Date(notification.createdAt.getTime() + deps.policy.digestWindowMs),
        now: deps.clock.now(),
      });
      return outcome === 'created' ? done() : skipped('digest already scheduled');
    }),
    [likeRemoved.name]: eventHandler(likeRemoved, async (event) => {
      if (event.notificationId === null || !event.notificationRemoved)
        return skipped('the notification still has likes');
      const cancelled = await deps.deliveries.cancelPending(
        event.notificationId,
        'every like was withdrawn',
        deps.clock.now(),
      );
      return cancelled > 0 ? done() : skipped('nothing pending to cancel');
    }),
  });
}

import { defaultPreferences, type Notification } from '@photo/shared/domain/notification';
import type { Delivery } from '@photo/shared/ports/delivery-repository.port';
import type { NotificationWorkerDeps } from '../deps';
import { renderLikeNotification, type RenderedNotification } from '../messages/render';
import { settlementOf, type Settlement } from './settlement';

/**
 * Sends one claimed channel delivery. It goes only while the notification exists and is unread (an unlike removed
 * it, or the recipient saw it in the app: nothing to tell). The claim made before this call is what makes a
 * duplicate send once.
 */
export async function sendDelivery(deps: NotificationWorkerDeps, delivery: Delivery): Promise<Settlement> {
  const notification = await deps.notifications.get(delivery.notificationId);
  if (!notification) return { state: 'cancelled', reason: 'every like was withdrawn' };
  if (notification.readAt !== null) return { state: 'skipped', reason: 'read in the app' };
  const message = await render(deps, notification);
  const key = delivery.id;
  switch (delivery.channel) {
    case 'push':
      return sendPush(deps, notification, message);
    case 'email': {
      const [preferences, participant] = await Promise.all([
        deps.settings.getPreferences(notification.recipientVisitorId),
        deps.participants.findById(notification.recipientVisitorId),
      ]);
      const to = preferences?.email ?? participant?.email ?? null;
      if (!deps.channels.email || !to) return { state: 'skipped', reason: 'no e-mail address' };
      return settlementOf(await deps.channels.email.send({ to, ...message.email, idempotencyKey: key }));
    }
    case 'sms': {
      const preferences =
        (await deps.settings.getPreferences(notification.recipientVisitorId)) ??
        defaultPreferences(notification.recipientVisitorId, deps.clock.now());
      if (!deps.channels.sms || !preferences.phone) return { state: 'skipped', reason: 'no phone number' };
      return settlementOf(
        await deps.channels.sms.send({ to: preferences.phone, body: message.sms, idempotencyKey: key }),
      );
    }
    case 'digest':
      throw new Error('a digest is planned, not sent');
  }
}

/**
 * To every subscription of the recipient. Subscriptions the push service reports gone are removed. One device
 * reached counts as sent (retrying would push the others' twice); only when none was reached and one failure is
 * transient is the whole delivery retried.
 */
async function sendPush(
  deps: NotificationWorkerDeps,
  notification: Notification,
  message: RenderedNotification,
): Promise<Settlement> {
  const push = deps.channels.push;
  const subscriptions = await deps.settings.listPushSubscriptions(notification.recipientVisitorId);
  if (!push || subscriptions.length === 0) return { state: 'skipped', reason: 'no push subscription' };
  const results = await Promise.all(
    subscriptions.map(async (s) => {
      const result = await push.send({
        target: { endpoint: s.endpoint, keys: s.keys },
        payload: message.push,
        ttlSeconds: deps.policy.pushTtlSeconds,
        topic: topicOf(notification.notificationId),
      });
      if (result.status === 'gone') {
        await deps.settings.removePushEndpoint(s.endpoint);
        deps.logger.info(
          { visitorId: s.visitorId, reason: result.reason },
          'push subscription gone: removed',
        );
      }
      return result;
    }),
  );
  if (results.some((r) => r.status === 'sent')) return { state: 'sent', reason: null };
  if (results.every((r) => r.status === 'gone'))
    return { state: 'skipped', reason: 'every push subscription is gone' };
  const failures = results.filter((r) => r.status === 'failed');
  const reason = failures.map((r) => r.reason).join('; ');
  return failures.some((r) => r.retryable) ? { state: 'retry', reason } : { state: 'failed', reason };
}

/** RFC 8030 topics are at most 32 URL-safe characters: a newer push of the same group replaces an undelivered one. */
const topicOf = (notificationId: string): string =>
  notificationId.replace(/[^A-Za-z0-9_-]/g, '').slice(0, 32);

async function render(
  deps: NotificationWorkerDeps,
  notification: Notification,
): Promise<RenderedNotification> {
  const [actor, image] = await Promise.all([
    deps.participants.findById(notification.actorVisitorIds[0]!),
    deps.images.get(notification.imageId),
  ]);
  return renderLikeNotification({
    notification,
    latestActorName: actor?.displayName ?? 'Someone',
    imageKind: image?.kind ?? 'participant-photo',
    deepLinkBase: deps.policy.deepLinkBase,
  });
}

import {
  defaultPreferences,
  EXTERNAL_CHANNELS,
  type ExternalChannel,
} from '@photo/shared/domain/notification';
import type { Delivery } from '@photo/shared/ports/delivery-repository.port';
import type { NotificationWorkerDeps } from '../deps';
import { describePlan, planChannels } from '../policy/delivery-plan';
import type { Settlement } from './settlement';

/**
 * The digest window of a notification closed: close its group (later likes start a new notification), read what
 * the policy needs, plan the channels, and schedule one delivery per channel (idempotent per notification and
 * channel, so running this twice schedules nothing new).
 */
export async function planDigest(deps: NotificationWorkerDeps, digest: Delivery): Promise<Settlement> {
  const now = deps.clock.now();
  const notification = await deps.notifications.close(digest.notificationId, now);
  if (!notification) return { state: 'cancelled', reason: 'every like was withdrawn' };
  const recipient = notification.recipientVisitorId;
  const [stored, participant, subscriptions] = await Promise.all([
    deps.settings.getPreferences(recipient),
    deps.participants.findById(recipient),
    deps.settings.listPushSubscriptions(recipient),
  ]);
  const preferences = stored ?? defaultPreferences(recipient, now);
  const unreachable: Partial<Record<ExternalChannel, string>> = {};
  if (!deps.channels.push) unreachable.push = 'push is not configured';
  else if (subscriptions.length === 0) unreachable.push = 'no push subscription';
  if (!deps.channels.email) unreachable.email = 'e-mail is not configured';
  else if (!(preferences.email ?? participant?.email)) unreachable.email = 'no e-mail address';
  if (!deps.channels.sms) unreachable.sms = 'SMS is not configured';
  else if (!preferences.phone) unreachable.sms = 'no phone number';

  const counts = await Promise.all(
    EXTERNAL_CHANNELS.map((channel) =>
      deps.deliveries.countSent(
        recipient,
        channel,
        new Date(now.getTime() - deps.policy.limits[channel].windowMs),
      ),
    ),
  );
  const plans = planChannels({
    now,
    preferences,
    unreachable,
    sentInWindow: { push: counts[0]!, email: counts[1]!, sms: counts[2]! },
    limits: deps.policy.limits,
    emailDelayMs: deps.policy.emailDelayMs,
    read: notification.readAt !== null,
  });
  for (const plan of plans) {
    if (plan.action !== 'send') continue;
    await deps.deliveries.schedule({
      notificationId: notification.notificationId,
      recipientVisitorId: recipient,
      channel: plan.channel,
      dueAt: plan.at,
      now,
    });
  }
  const summary = describePlan(plans, now);
  deps.logger.info(
    { notificationId: notification.notificationId, recipient, plan: summary },
    'notification digest planned',
  );
  return { state: 'sent', reason: summary };
}

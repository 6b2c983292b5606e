import type { MessageHandler } from '@photo/shared/ports/event-bus.port';
import type { NotificationWorkerDeps } from './deps';
import { likeActivityHandler } from './handlers/like-activity.handler';

export const SUBSCRIPTION = 'notification-worker.activity';

/** This service's subscriptions and their handlers: the embedded bus and the push endpoint both use this list. */
export function notificationHandlers(
  deps: Pick<NotificationWorkerDeps, 'notifications' | 'deliveries' | 'clock' | 'policy'>,
): Record<string, MessageHandler> {
  return { [SUBSCRIPTION]: likeActivityHandler(deps) };
}

import type { Express } from 'express';
import type { ServiceCallerVerifier } from '@photo/shared/auth/service-verifier';
import { createWorkerApp, type WorkerAppOptions } from '@photo/shared/http/worker-app';
import type { EventPublisher, MessageHandler } from '@photo/shared/ports/event-bus.port';
import type { NotificationWorkerDeps } from './deps';
import { likeActivityHandler } from './handlers/like-activity.handler';
import { tasksRoutes } from './routes/tasks.routes';

export const SUBSCRIPTION = 'notification-worker.activity';

/** This service's subscriptions and their handlers: the embedded bus and the push endpoint both use this list. */
export function notificationHandlers(
  deps: Pick<NotificationWorkerDeps, 'notifications' | 'deliveries' | 'clock' | 'policy'>,
): Record<string, MessageHandler> {
  return { [SUBSCRIPTION]: likeActivityHandler(deps) };
}

/**
 * The notification worker on Cloud Run: the Pub/Sub push endpoint for the activity subscription (filtered to
 * source = likes) and the dispatch task Cloud Scheduler calls.
 */
export function createNotificationWorkerApp(
  deps: NotificationWorkerDeps & {
    publisher: EventPublisher;
    schedulerAuth: ServiceCallerVerifier | null;
    sweepOutbox?: () => Promise<number>;
  },
  options: Omit<WorkerAppOptions, 'handlers' | 'publisher' | 'routes'>,
): Express {
  return createWorkerApp({
    ...options,
    publisher: deps.publisher,
    handlers: notificationHandlers(deps),
    routes: [tasksRoutes(deps)],
  });
}

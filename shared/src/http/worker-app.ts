import type { Express, Router } from 'express';
import type { ServiceCallerVerifier } from '../auth/service-verifier';
import type { EventPublisher, MessageHandler } from '../ports/event-bus.port';
import { createBaseApp } from './base-app';
import type { ReadinessCheck } from './health';
import type { Logger } from './logger';
import { pubsubPushRoutes } from './pubsub-push.routes';

export interface WorkerAppOptions {
  logger: Logger;
  projectId: string | null;
  /** Subscription name → handler: the same handlers the embedded bus calls. */
  handlers: Record<string, MessageHandler>;
  publisher: EventPublisher;
  pushAuth: ServiceCallerVerifier | null;
  readiness: Record<string, ReadinessCheck>;
  isDraining: () => boolean;
  /** The worker's own routes beside the push endpoint (a scheduler's task endpoint). */
  routes?: Router[];
}

/** A worker on Cloud Run: health, and the Pub/Sub push endpoint in front of its handlers. */
export function createWorkerApp(options: WorkerAppOptions): Express {
  return createBaseApp({
    logger: options.logger,
    projectId: options.projectId,
    readiness: options.readiness,
    isDraining: options.isDraining,
    // A push envelope carries base64 data of up to 10 MB (Pub/Sub's message limit).
    jsonLimit: '14mb',
    routes: [
      pubsubPushRoutes({
        handlers: options.handlers,
        publisher: options.publisher,
        pushAuth: options.pushAuth,
      }),
      ...(options.routes ?? []),
    ],
  });
}

import type { Express } from 'express';
import type { ServiceCallerVerifier } from '@photo/shared/auth/service-verifier';
import { createWorkerApp, type WorkerAppOptions } from '@photo/shared/http/worker-app';
import type { MessageHandler } from '@photo/shared/ports/event-bus.port';
import type { UploadPipelineDeps } from './deps';
import { backfillHandler } from './handlers/backfill.handler';
import { callbackHandler } from './handlers/callback.handler';
import { uploadFinalizedHandler } from './handlers/upload-finalized.handler';
import { tasksRoutes } from './routes/tasks.routes';

export const SUBSCRIPTIONS = {
  uploads: 'upload-pipeline.uploads-finalized',
  backfill: 'upload-pipeline.backfill',
  callbacks: 'upload-pipeline.callbacks',
} as const;

/** This service's subscriptions and their handlers: the embedded bus and the push endpoint both use this list. */
export function uploadPipelineHandlers(deps: UploadPipelineDeps): Record<string, MessageHandler> {
  return {
    [SUBSCRIPTIONS.uploads]: uploadFinalizedHandler(deps),
    [SUBSCRIPTIONS.backfill]: backfillHandler(deps),
    [SUBSCRIPTIONS.callbacks]: callbackHandler(deps),
  };
}

/**
 * The upload pipeline on Cloud Run: Pub/Sub pushes the bucket's notifications of uploads/, backfill requests and
 * webhook deliveries here, and Cloud Scheduler calls the sweep task.
 */
export function createUploadPipelineApp(
  deps: UploadPipelineDeps & { schedulerAuth: ServiceCallerVerifier | null },
  options: Omit<WorkerAppOptions, 'handlers' | 'publisher' | 'routes'>,
): Express {
  return createWorkerApp({
    ...options,
    publisher: deps.publisher,
    handlers: uploadPipelineHandlers(deps),
    routes: [tasksRoutes(deps)],
  });
}

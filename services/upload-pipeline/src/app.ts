import type { MessageHandler } from '@photo/shared/ports/event-bus.port';
import type { UploadPipelineDeps } from './deps';
import { backfillHandler } from './handlers/backfill.handler';
import { callbackHandler } from './handlers/callback.handler';
import { uploadFinalizedHandler } from './handlers/upload-finalized.handler';

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

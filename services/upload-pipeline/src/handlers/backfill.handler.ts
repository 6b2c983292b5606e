import { eventHandler } from '@photo/shared/bus/event-handler';
import { uploadBackfillRequested } from '@photo/shared/events/catalog';
import type { MessageHandler } from '@photo/shared/ports/event-bus.port';
import type { UploadPipelineDeps } from '../deps';
import { regenerateDerivatives } from '../use-cases/regenerate';

/** upload.backfill-requested → the upload's missing derivatives (npm run uploads:backfill queues them). */
export function backfillHandler(deps: UploadPipelineDeps): MessageHandler {
  return eventHandler(uploadBackfillRequested, (event) => regenerateDerivatives(deps, event.intentId));
}

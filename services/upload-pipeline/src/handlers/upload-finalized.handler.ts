import { eventHandler, skipped } from '@photo/shared/bus/event-handler';
import { uploadObjectFinalized } from '@photo/shared/events/catalog';
import type { MessageHandler } from '@photo/shared/ports/event-bus.port';
import type { UploadPipelineDeps } from '../deps';
import { processUpload } from '../use-cases/process-upload';

/** Cloud Storage's OBJECT_FINALIZE of uploads/ (or the embedded endpoint's copy of it) → the upload workflow. */
export function uploadFinalizedHandler(deps: UploadPipelineDeps): MessageHandler {
  return eventHandler(uploadObjectFinalized, async (object, message) => {
    const eventType = message.attributes.eventType;
    if (eventType !== undefined && eventType !== 'OBJECT_FINALIZE')
      return skipped(`${eventType} is not a new object`);
    return processUpload(deps, object.name, message);
  });
}

import { eventHandler } from '@photo/shared/bus/event-handler';
import { uploadCallbackRequested } from '@photo/shared/events/catalog';
import type { MessageHandler } from '@photo/shared/ports/event-bus.port';
import type { UploadPipelineDeps } from '../deps';
import { deliverCallback } from '../use-cases/deliver-callback';

/** upload.callback-requested → one signed POST to the intent's callback URL, retried by the bus. */
export function callbackHandler(deps: UploadPipelineDeps): MessageHandler {
  return eventHandler(uploadCallbackRequested, (event, message) => deliverCallback(deps, event, message));
}

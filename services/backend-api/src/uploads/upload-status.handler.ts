import { done, eventHandler } from '@photo/shared/bus/event-handler';
import { uploadStatusChanged } from '@photo/shared/events/catalog';
import type { MessageHandler } from '@photo/shared/ports/event-bus.port';
import type { UpdateHub } from '../live/update-hub';

/** upload.status-changed → the participant's open streams and the streams following that upload wake up. */
export function uploadStatusHandler(deps: { hub: UpdateHub }): MessageHandler {
  return eventHandler(uploadStatusChanged, async (event) => {
    if (event.ownerVisitorId) deps.hub.notify(event.ownerVisitorId, 'upload');
    deps.hub.notify(event.intentId, 'upload');
    return done();
  });
}

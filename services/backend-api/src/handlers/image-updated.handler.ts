import { done, eventHandler, skipped } from '@photo/shared/bus/event-handler';
import { imageUpdated } from '@photo/shared/events/catalog';
import type { UpdateFeed } from '@photo/shared/ports/update-feed.port';
import { PIPELINE_KEY } from '../live/pipeline-stream';
import type { UpdateHub } from '../live/update-hub';

/**
 * The image server swapped what an image serves: wake the operators' pipeline streams, and record it in the feed of
 * the participant it is for.
 */
export function imageUpdatedHandler(deps: { updates: UpdateFeed; hub: UpdateHub }) {
  return eventHandler(imageUpdated, async (event) => {
    deps.hub.notify(PIPELINE_KEY);
    const visitorId = event.visitorId ?? event.ownerVisitorId;
    if (!visitorId) return skipped('no participant to tell');
    await deps.updates.record({
      visitorId,
      imageId: event.imageId,
      version: event.version,
      variant: event.variant,
      updatedAt: new Date(event.updatedAt),
    });
    deps.hub.notify(visitorId);
    return done();
  });
}

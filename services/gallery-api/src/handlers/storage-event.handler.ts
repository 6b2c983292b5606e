import { done, eventHandler, skipped } from '@photo/shared/bus/event-handler';
import { galleryUserIdSchema } from '@photo/shared/domain/gallery';
import { galleryObjectAdded, galleryObjectFinalized } from '@photo/shared/events/catalog';
import { publishEvent } from '@photo/shared/events/define-event';
import type { EventPublisher, MessageHandler } from '@photo/shared/ports/event-bus.port';

/** The custom metadata key (x-goog-meta-owner-user-id) naming the gallery user who contributed an image. */
export const OWNER_METADATA_KEY = 'owner-user-id';

/**
 * Cloud Storage's OBJECT_FINALIZE notifications → gallery.object-added, one per new object under the gallery prefix,
 * with the object key as its ordering key: Cloud Storage publishes without ordering keys, so this relay is what puts
 * the catalog queue in order (the seed's S3-event function in front of its FIFO queue).
 */
export function storageEventHandler(deps: {
  publisher: EventPublisher;
  galleryPrefix: string;
}): MessageHandler {
  return eventHandler(galleryObjectFinalized, async (object, message) => {
    const eventType = message.attributes.eventType;
    if (eventType !== undefined && eventType !== 'OBJECT_FINALIZE')
      return skipped(`${eventType} is not a new object`);
    if (!object.name.startsWith(deps.galleryPrefix))
      return skipped(`${object.name} is not under ${deps.galleryPrefix}`);
    if (object.name.endsWith('/')) return skipped('a folder placeholder');
    const owner = galleryUserIdSchema.safeParse(object.metadata?.[OWNER_METADATA_KEY]);
    await publishEvent(
      deps.publisher,
      galleryObjectAdded,
      {
        objectKey: object.name,
        bucket: object.bucket,
        generation: object.generation,
        ownerUserId: owner.success ? owner.data : null,
        finalizedAt: new Date(object.timeCreated ?? message.publishTime).toISOString(),
      },
      'gallery-api',
    );
    return done();
  });
}

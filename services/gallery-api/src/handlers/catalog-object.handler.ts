import { done, eventHandler, rejected, skipped } from '@photo/shared/bus/event-handler';
import { deriveImageId } from '@photo/shared/domain/ids';
import { isAppError } from '@photo/shared/errors/app-error';
import { galleryObjectAdded } from '@photo/shared/events/catalog';
import type { BlobStore } from '@photo/shared/ports/blob-store.port';
import type { MessageHandler } from '@photo/shared/ports/event-bus.port';
import type { GalleryItemRepository } from '@photo/shared/ports/gallery-item-repository.port';
import type { ImageServerClient } from '@photo/shared/ports/image-server-client.port';
import type { Recommender } from '@photo/shared/ports/recommender.port';
import { sha256Hex } from '@photo/shared/security/hashing';

export interface CatalogDeps {
  blobs: BlobStore;
  imageServer: ImageServerClient;
  items: GalleryItemRepository;
  recommender: Recommender;
}

/** The image id of a gallery object: the same object always lands on the same image (and item). */
export const itemIdOf = (bucket: string, objectKey: string): string =>
  deriveImageId(`gallery:${bucket}/${objectKey}`);

/**
 * gallery.object-added → a catalog item. The object is stored through the image server as an event image (it
 * inspects it, keeps it under originals/ and issues its one-time URLs), recorded in the catalog, and registered
 * with the recommender (PutItems). Idempotent at every step: the image id derives from the object, the upload's
 * idempotency key from the object and its generation, the catalog and the recommender keep the first.
 * A later generation of an already registered name is skipped: gallery objects are immutable, copy a new name.
 */
export function catalogObjectHandler(deps: CatalogDeps): MessageHandler {
  return eventHandler(galleryObjectAdded, async (object) => {
    const itemId = itemIdOf(object.bucket, object.objectKey);
    let item = await deps.items.get(itemId);
    if (item && item.generation !== object.generation) {
      return skipped(
        `${object.objectKey} is already in the catalog (generation ${item.generation}); copy a new name`,
      );
    }
    if (!item) {
      const blob = await deps.blobs.get(object.objectKey);
      if (!blob) return skipped(`${object.objectKey} no longer exists`);
      try {
        await deps.imageServer.uploadVersion({
          imageId: itemId,
          kind: 'event',
          ownerVisitorId: null,
          expectedVersion: 0,
          idempotencyKey: `gallery:${sha256Hex(`${object.objectKey}\u0000${object.generation}`).slice(0, 40)}`,
          contentType: blob.contentType.startsWith('image/') ? blob.contentType : 'application/octet-stream',
          body: blob.body,
        });
      } catch (err) {
        blob.body.destroy();
        // Not an image, or one the image server refuses: no retry will change that.
        if (isAppError(err) && err.status >= 400 && err.status < 500)
          return rejected(`${object.objectKey}: ${err.code} ${err.message}`);
        throw err;
      }
      ({ item } = await deps.items.add({
        itemId,
        objectKey: object.objectKey,
        generation: object.generation,
        ownerUserId: object.ownerUserId,
        createdAt: new Date(object.finalizedAt),
      }));
    }
    await deps.recommender.putItems([{ itemId, createdAt: item.createdAt, ownerUserId: item.ownerUserId }]);
    return done();
  });
}

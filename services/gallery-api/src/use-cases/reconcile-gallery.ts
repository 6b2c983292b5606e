import { galleryObjectAdded } from '@photo/shared/events/catalog';
import { publishEvent } from '@photo/shared/events/define-event';
import type { BlobStore } from '@photo/shared/ports/blob-store.port';
import type { Clock } from '@photo/shared/ports/common';
import type { EventPublisher } from '@photo/shared/ports/event-bus.port';
import type { FaceIndex, StoredFaceIndex } from '@photo/shared/ports/face-index.port';
import type { GalleryItemRepository } from '@photo/shared/ports/gallery-item-repository.port';
import type { GalleryUserRepository } from '@photo/shared/ports/gallery-user-repository.port';
import { itemIdOf } from '../handlers/catalog-object.handler';

export interface GalleryReconcileDeps {
  blobs: BlobStore;
  items: Pick<GalleryItemRepository, 'get' | 'page'>;
  users: Pick<GalleryUserRepository, 'get'>;
  faces: FaceIndex | StoredFaceIndex;
  publisher: EventPublisher;
  clock: Clock;
}

export interface GalleryReconcileOptions {
  /** Objects younger than this may still be on their way to the catalog: left alone. */
  safetyWindowSeconds: number;
  /** True announces uncatalogued objects again and deletes faces whose user is gone; false only reports. */
  repair: boolean;
  /** The bucket the gallery objects are in (item ids derive from it) and their prefix in it. */
  bucket: string;
  galleryPrefix: string;
}

export interface GalleryReconcileReport {
  /** Gallery objects no catalog item stands for (announced again when repairing). */
  uncatalogued: string[];
  reannounced: number;
  /** Catalog items whose object is gone from the bucket: reported, never deleted. */
  missingObjects: { itemId: string; objectKey: string }[];
  /** Users whose faces are indexed although the user no longer exists (faces deleted when repairing). */
  orphanFaceUsers: string[];
  orphanFacesRemoved: number;
  objectsSeen: number;
  itemsSeen: number;
}

const PAGE = 200;

/**
 * Compares the gallery's objects and face data with its records. An object under the gallery prefix with no catalog
 * item was never announced (the copy committed, the announcement did not) or its catalog step failed: it is announced
 * again as the storage relay would (the catalog handler is idempotent). An item whose object is gone is reported.
 * Faces are biometric data that must not outlive their user: a face whose user no longer exists (an erasure that
 * raced an indexing) is deleted. A face index that is not stored here (Rekognition) is not checked.
 */
export async function reconcileGallery(
  deps: GalleryReconcileDeps,
  options: GalleryReconcileOptions,
): Promise<GalleryReconcileReport> {
  const cutoff = deps.clock.now().getTime() - options.safetyWindowSeconds * 1000;
  const report: GalleryReconcileReport = {
    uncatalogued: [],
    reannounced: 0,
    missingObjects: [],
    orphanFaceUsers: [],
    orphanFacesRemoved: 0,
    objectsSeen: 0,
    itemsSeen: 0,
  };

  const objects = new Set<string>();
  for await (const object of deps.blobs.list(options.galleryPrefix)) {
    if (object.key.endsWith('/')) continue;
    objects.add(object.key);
    report.objectsSeen++;
    if (object.updatedAt.getTime() >= cutoff) continue;
    if (await deps.items.get(itemIdOf(options.bucket, object.key))) continue;
    report.uncatalogued.push(object.key);
    if (!options.repair) continue;
    await publishEvent(
      deps.publisher,
      galleryObjectAdded,
      {
        objectKey: object.key,
        bucket: options.bucket,
        // Cloud Storage generations are microsecond timestamps; the owner, a notification's metadata, is not kept.
        generation: String(object.updatedAt.getTime() * 1000),
        ownerUserId: null,
        finalizedAt: object.updatedAt.toISOString(),
      },
      'gallery-api',
    );
    report.reannounced++;
  }

  let after: string | null = null;
  do {
    const page = await deps.items.page(after, PAGE);
    for (const item of page.items) {
      report.itemsSeen++;
      if (objects.has(item.objectKey) || item.createdAt.getTime() >= cutoff) continue;
      // Listed before the items were read: an object written since is checked once more.
      if (await deps.blobs.stat(item.objectKey)) continue;
      report.missingObjects.push({ itemId: item.itemId, objectKey: item.objectKey });
    }
    after = page.next;
  } while (after);

  if ('indexedUserIds' in deps.faces) {
    for (const userId of await deps.faces.indexedUserIds()) {
      // The user row is written before its face is indexed, and deleted after its faces: no user, no face.
      if (await deps.users.get(userId)) continue;
      report.orphanFaceUsers.push(userId);
      if (options.repair) report.orphanFacesRemoved += await deps.faces.deleteUser(userId);
    }
  }
  return report;
}

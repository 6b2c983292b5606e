import type { BlobListing, BlobStore } from '@photo/shared/ports/blob-store.port';
import type { Clock } from '@photo/shared/ports/common';
import type { ImageRepository } from '@photo/shared/ports/image-repository.port';

export interface ReconcileDeps {
  images: ImageRepository;
  blobs: BlobStore;
  clock: Clock;
}

export interface ReconcileOptions {
  /** Objects and records younger than this are in the middle of being written: left alone. */
  safetyWindowSeconds: number;
  /** True deletes objects no record refers to; false only reports them. Records are only ever reported. */
  removeOrphans: boolean;
}

export interface ReconcileReport {
  /** Objects under originals/ and derived/ that no image version or variant refers to. */
  orphans: string[];
  /** How many of them were deleted. */
  orphansRemoved: number;
  /** Recorded variants whose object is not in the bucket. */
  missing: { imageId: string; version: number; variant: string; blobKey: string }[];
  objectsSeen: number;
  variantsSeen: number;
}

/** The prefixes whose objects belong to image records. Upload intents own derived/uploads/ and sweep it themselves. */
const OWNED_PREFIXES = ['originals/', 'derived/'];
const NOT_OURS = 'derived/uploads/';
const PAGE = 200;

const owned = (key: string): boolean =>
  OWNED_PREFIXES.some((p) => key.startsWith(p)) && !key.startsWith(NOT_OURS);

/** `originals/{imageId}/v{n}/…` and `derived/{imageId}/v{n}/…` name their image in the second segment. */
const imageIdOfKey = (key: string): string | null => key.split('/')[1] ?? null;

/**
 * Compares the images bucket with the image records: objects that no version or variant refers to (a crash between
 * storing an original and committing its version, whose retry stored another) and variants whose object is gone.
 * Both must be older than the safety window, so a write in progress is never taken for litter. Objects are listed
 * before records are read, so a record committed meanwhile is seen; an orphan is checked once more just before it is
 * deleted. Works on any BlobStore and ImageRepository: the embedded bucket and SQLite, or Cloud Storage and Firestore.
 */
export async function reconcileStore(
  deps: ReconcileDeps,
  options: ReconcileOptions,
): Promise<ReconcileReport> {
  const cutoff = deps.clock.now().getTime() - options.safetyWindowSeconds * 1000;
  const objects = new Map<string, BlobListing>();
  for (const prefix of OWNED_PREFIXES)
    for await (const object of deps.blobs.list(prefix))
      if (owned(object.key)) objects.set(object.key, object);

  const referenced = new Set<string>();
  const report: ReconcileReport = {
    orphans: [],
    orphansRemoved: 0,
    missing: [],
    objectsSeen: objects.size,
    variantsSeen: 0,
  };
  let after: string | null = null;
  do {
    const page = await deps.images.list({}, { limit: PAGE, after });
    for (const image of page.items) {
      for (const variant of await deps.images.listVariants(image.imageId)) {
        report.variantsSeen++;
        referenced.add(variant.blobKey);
        if (owned(variant.blobKey) && !objects.has(variant.blobKey) && variant.createdAt.getTime() < cutoff)
          report.missing.push({
            imageId: variant.imageId,
            version: variant.version,
            variant: variant.variant,
            blobKey: variant.blobKey,
          });
      }
    }
    after = page.next;
  } while (after);

  for (const object of objects.values()) {
    if (referenced.has(object.key) || object.updatedAt.getTime() >= cutoff) continue;
    if (await stillReferenced(deps, object.key)) continue;
    report.orphans.push(object.key);
    if (options.removeOrphans) {
      await deps.blobs.delete(object.key);
      report.orphansRemoved++;
    }
  }
  return report;
}

async function stillReferenced(deps: ReconcileDeps, key: string): Promise<boolean> {
  const imageId = imageIdOfKey(key);
  if (!imageId) return false;
  return (await deps.images.listVariants(imageId)).some((v) => v.blobKey === key);
}

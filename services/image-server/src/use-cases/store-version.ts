import { createReadStream } from 'node:fs';
import type { Readable } from 'node:stream';
import { variantBlobKey, type Image, type ImageKind, type StoredVariant } from '@photo/shared/domain/image';
import { newBlobId } from '@photo/shared/domain/ids';
import { errors } from '@photo/shared/errors/errors';
import { uploadErrors } from '@photo/shared/errors/upload-errors';
import { imageUpdated, imageUploaded } from '@photo/shared/events/catalog';
import { publishEvent } from '@photo/shared/events/define-event';
import { spoolToFile } from '@photo/shared/io/spool';
import type { SpoolSlots } from '@photo/shared/io/spool-slots';
import type { BlobStore } from '@photo/shared/ports/blob-store.port';
import type { Clock } from '@photo/shared/ports/common';
import type { EventPublisher } from '@photo/shared/ports/event-bus.port';
import type { ImageInspector, InspectionLimits } from '@photo/shared/ports/image-inspector.port';
import type { ImageRepository } from '@photo/shared/ports/image-repository.port';
import type { ImageSanitizer } from '@photo/shared/ports/image-sanitizer.port';
import { strippedCopy, type StrippedFile } from './strip-metadata';

export interface StoreVersionDeps {
  images: ImageRepository;
  blobs: BlobStore;
  inspector: ImageInspector;
  sanitizer: ImageSanitizer;
  /** Store originals as uploaded, metadata included (ARCHIVE_ORIGINALS); serving strips them all the same. */
  archiveOriginals: boolean;
  publisher: EventPublisher;
  clock: Clock;
  limits: InspectionLimits & { maxBytes: number };
  tmpDir: string;
  /** Bounds the uploads spooled at once (the temp directory is memory on Cloud Run). */
  spoolSlots: SpoolSlots;
}

export interface StoreVersionInput {
  imageId: string;
  kind: ImageKind;
  ownerVisitorId: string | null;
  /** The version the uploader saw (0 for none): a stale one is a conflict, never a silent overwrite. */
  expectedVersion: number;
  idempotencyKey: string | null;
  body: Readable;
  /** The body must hash to this (an upload the pipeline verified), else UPLOAD.OBJECT_CHANGED. */
  expectedSha256?: string;
}

export interface StoreVersionResult {
  image: Image;
  variant: StoredVariant;
  /** False when an earlier attempt with the same idempotency key had already stored this version. */
  created: boolean;
}

/**
 * Stores a new version of an image: the body is spooled and inspected before anything becomes visible, its personal
 * metadata (GPS, camera, capture time) is stripped with the orientation applied (unless originals are archived as
 * they came: then a one-time URL strips them as it serves them), the object
 * is written whole under a fresh key, and only then does a compare-and-swap make it the current version. Any
 * failure removes the object, so a failed upload leaves neither a partial object nor a row.
 */
export async function storeVersion(
  deps: StoreVersionDeps,
  input: StoreVersionInput,
): Promise<StoreVersionResult> {
  const existing = await deps.images.get(input.imageId);
  if (existing && (existing.kind !== input.kind || existing.ownerVisitorId !== input.ownerVisitorId)) {
    throw errors.forbidden(`Image ${input.imageId} belongs to another owner.`);
  }
  if (existing && !input.idempotencyKey && existing.currentVersion !== input.expectedVersion) {
    throw errors.versionConflict(existing.currentVersion, input.expectedVersion);
  }

  // Held from the first byte spooled until the last temp file is removed: at most two files of maxBytes-ish each.
  return deps.spoolSlots.run(() => spoolAndStore(deps, input, existing));
}

async function spoolAndStore(
  deps: StoreVersionDeps,
  input: StoreVersionInput,
  existing: Image | null,
): Promise<StoreVersionResult> {
  const file = await spoolToFile(input.body, deps.tmpDir, deps.limits.maxBytes);
  let stripped: StrippedFile | null = null;
  try {
    if (file.bytes === 0) throw errors.emptyBody();
    if (input.expectedSha256 && file.sha256 !== input.expectedSha256) throw uploadErrors.objectChanged();
    const inspected = await deps.inspector.inspect(file.path, deps.limits);
    stripped = deps.archiveOriginals
      ? null
      : await strippedCopy(deps.sanitizer, file.path, deps.tmpDir, deps.limits.maxPixels);
    const kept = stripped ?? { ...file, contentType: inspected.contentType };
    const blobKey = variantBlobKey(input.imageId, input.expectedVersion + 1, 'original', newBlobId());
    await deps.blobs.put(blobKey, createReadStream(kept.path), { contentType: kept.contentType });

    const result = await commitOrRemove(deps, blobKey, async () => {
      const now = deps.clock.now();
      if (!existing) {
        await deps.images.create({
          imageId: input.imageId,
          kind: input.kind,
          ownerVisitorId: input.ownerVisitorId,
          creationKey: null,
          now,
        });
      }
      return deps.images.addVersion({
        imageId: input.imageId,
        expectedVersion: input.expectedVersion,
        idempotencyKey: input.idempotencyKey,
        original: {
          blobKey,
          contentType: kept.contentType,
          bytes: kept.bytes,
          sha256: kept.sha256,
          width: inspected.width,
          height: inspected.height,
        },
        now,
      });
    });
    if (result.outcome !== 'created') await deps.blobs.delete(blobKey);
    if (result.outcome === 'conflict') {
      throw errors.versionConflict(result.currentVersion, input.expectedVersion);
    }
    if (result.outcome === 'not-found') throw errors.imageNotFound(input.imageId);
    // A version stored before originals were stripped holds the bytes as they came.
    const sameBytes = [kept.sha256, file.sha256].includes(result.variant.sha256);
    if (result.outcome === 'replayed' && !sameBytes) throw errors.idempotencyKeyReused();

    // Published on the replay too: if the first attempt died before publishing, its retry completes the job
    // (every handler is idempotent, so a second publish changes nothing).
    await announce(deps, result.image, result.variant);
    return { image: result.image, variant: result.variant, created: result.outcome === 'created' };
  } finally {
    await file.remove();
    await stripped?.remove();
  }
}

/** Runs the store step; if it throws, the object written for it is removed, so nothing half-made remains. */
async function commitOrRemove<T>(
  deps: StoreVersionDeps,
  blobKey: string,
  commit: () => Promise<T>,
): Promise<T> {
  try {
    return await commit();
  } catch (err) {
    await deps.blobs.delete(blobKey).catch(() => undefined);
    throw err;
  }
}

async function announce(deps: StoreVersionDeps, image: Image, variant: StoredVariant): Promise<void> {
  const common = { imageId: image.imageId, version: variant.version, ownerVisitorId: image.ownerVisitorId };
  await publishEvent(deps.publisher, imageUploaded, { ...common, kind: image.kind }, 'image-server');
  await publishEvent(
    deps.publisher,
    imageUpdated,
    { ...common, variant: variant.variant, visitorId: null, updatedAt: deps.clock.now().toISOString() },
    'image-server',
  );
}

import type { StoredVariant } from '@photo/shared/domain/image';
import { intentIdOfKey } from '@photo/shared/domain/upload';
import { errors } from '@photo/shared/errors/errors';
import { uploadErrors } from '@photo/shared/errors/upload-errors';
import type { BlobStore } from '@photo/shared/ports/blob-store.port';
import type { Clock } from '@photo/shared/ports/common';
import type { ImageRepository } from '@photo/shared/ports/image-repository.port';
import type { ImportUploadRequest, Rendition } from '@photo/shared/ports/image-server-client.port';
import { storeVersion, type StoreVersionDeps, type StoreVersionResult } from './store-version';

/**
 * The upload pipeline's handoff: the upload it verified, already in the bucket, becomes the next version of its image.
 * The image server reads it from storage by key, so the bytes make one trip (bucket → spool → originals/) instead of
 * being streamed back to it through the pipeline; it is inspected, stripped and stored as any upload, and must be
 * the object the pipeline verified. Idempotent by the request's key, as `storeVersion` is.
 */
export async function importUpload(
  deps: StoreVersionDeps,
  request: ImportUploadRequest,
): Promise<StoreVersionResult> {
  const object = await deps.blobs.get(request.objectKey);
  if (!object) throw uploadErrors.notFound(intentIdOfKey(request.objectKey) ?? request.objectKey);
  try {
    return await storeVersion(deps, { ...request, body: object.body, expectedSha256: request.sha256 });
  } finally {
    object.body.destroy();
  }
}

/**
 * The pipeline's renditions (r256-webp, …) become variants of the version they were made from, so one-time links
 * serve them as any other variant. Each must be stored as described; recording is idempotent (the first record of a
 * variant stays).
 */
export async function recordRenditions(
  deps: { images: ImageRepository; blobs: BlobStore; clock: Clock },
  target: { imageId: string; version: number },
  renditions: Rendition[],
): Promise<StoredVariant[]> {
  const { imageId, version } = target;
  if (!(await deps.images.getVariant(imageId, version, 'original'))) throw errors.imageNotFound(imageId);
  const recorded: StoredVariant[] = [];
  for (const r of renditions) {
    const stored = await deps.blobs.stat(r.blobKey);
    if (stored?.bytes !== r.bytes) throw uploadErrors.renditionMissing(r.blobKey);
    const { variant } = await deps.images.addVariant({ imageId, version, ...r, createdAt: deps.clock.now() });
    recorded.push(variant);
  }
  return recorded;
}

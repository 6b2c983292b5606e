import { createReadStream } from 'node:fs';
import { readdir, stat } from 'node:fs/promises';
import { extname, join } from 'node:path';
import { objectFinalizedMessage } from '@photo/shared/events/storage-notification';
import type { BlobStore } from '@photo/shared/ports/blob-store.port';
import type { Clock } from '@photo/shared/ports/common';
import type { EventPublisher } from '@photo/shared/ports/event-bus.port';

const TYPES: Record<string, string> = {
  '.jpg': 'image/jpeg',
  '.jpeg': 'image/jpeg',
  '.png': 'image/png',
  '.webp': 'image/webp',
};

export interface IngestResult {
  copied: string[];
  /** Already in the bucket under that name: not copied, not announced again (gallery objects are immutable). */
  skipped: string[];
}

/**
 * The embedded stand-in for "an admin copies images into the bucket": each image file of `dir` is copied to
 * `{prefix}{file name}` in the blob store, then announced on the gallery-storage topic exactly as Cloud Storage
 * announces a new object (an OBJECT_FINALIZE notification: attributes eventType, bucketId, objectId,
 * objectGeneration, payloadFormat; the object resource as JSON data). From there the path is the cloud's.
 */
export async function ingestGalleryDirectory(
  deps: { blobs: BlobStore; publisher: EventPublisher; clock: Clock; bucket: string; prefix: string },
  dir: string,
  options: { ownerUserId?: string } = {},
): Promise<IngestResult> {
  const result: IngestResult = { copied: [], skipped: [] };
  const names = (await readdir(dir)).filter((n) => TYPES[extname(n).toLowerCase()] !== undefined).sort();
  for (const name of names) {
    const path = join(dir, name);
    if (!(await stat(path)).isFile()) continue;
    const key = `${deps.prefix}${name}`;
    if (await deps.blobs.stat(key)) {
      result.skipped.push(key);
      continue;
    }
    const contentType = TYPES[extname(name).toLowerCase()]!;
    const info = await deps.blobs.put(key, createReadStream(path), { contentType });
    const now = deps.clock.now();
    const message = objectFinalizedMessage(
      {
        bucket: deps.bucket,
        name: key,
        // Cloud Storage generations are microsecond timestamps.
        generation: String(now.getTime() * 1000),
        size: info.bytes,
        contentType,
        timeCreated: now,
        ...(options.ownerUserId ? { metadata: { 'owner-user-id': options.ownerUserId } } : {}),
      },
      'gallery',
    );
    await deps.publisher.publish('gallery-storage', message);
    result.copied.push(key);
  }
  return result;
}

import { createReadStream } from 'node:fs';
import { readdir, stat } from 'node:fs/promises';
import { extname, join } from 'node:path';
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
    // Cloud Storage generations are microsecond timestamps.
    const generation = String(now.getTime() * 1000);
    const object = {
      kind: 'storage#object',
      id: `${deps.bucket}/${key}/${generation}`,
      name: key,
      bucket: deps.bucket,
      generation,
      contentType,
      size: String(info.bytes),
      timeCreated: now.toISOString(),
      updated: now.toISOString(),
      ...(options.ownerUserId ? { metadata: { 'owner-user-id': options.ownerUserId } } : {}),
    };
    await deps.publisher.publish('gallery-storage', {
      data: Buffer.from(JSON.stringify(object)),
      attributes: {
        notificationConfig: `projects/_/buckets/${deps.bucket}/notificationConfigs/gallery`,
        eventType: 'OBJECT_FINALIZE',
        payloadFormat: 'JSON_API_V1',
        bucketId: deps.bucket,
        objectId: key,
        objectGeneration: generation,
        eventTime: now.toISOString(),
      },
    });
    result.copied.push(key);
  }
  return result;
}

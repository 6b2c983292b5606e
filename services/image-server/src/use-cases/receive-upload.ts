import { Transform, type Readable } from 'node:stream';
import { UPLOAD_PREFIX } from '@photo/shared/domain/upload';
import { isAppError } from '@photo/shared/errors/app-error';
import { uploadErrors } from '@photo/shared/errors/upload-errors';
import { objectFinalizedMessage } from '@photo/shared/events/storage-notification';
import type { BlobStore } from '@photo/shared/ports/blob-store.port';
import type { Clock } from '@photo/shared/ports/common';
import type { EventPublisher } from '@photo/shared/ports/event-bus.port';
import type { UploadPolicyCodec } from '@photo/shared/security/upload-policy';

export interface ReceiveUploadDeps {
  blobs: BlobStore;
  publisher: EventPublisher;
  codec: UploadPolicyCodec;
  clock: Clock;
  /** The bucket name the notification names (embedded: `images`). */
  bucket: string;
  /** Where Cloud Storage would announce it. */
  topic: string;
}

export interface IncomingUpload {
  contentType: string | undefined;
  contentLength: number | null;
  body: Readable;
}

/**
 * The embedded upload endpoint: what Cloud Storage does for a V4 signed PUT. The policy must be genuine and
 * unexpired; the Content-Type must be exactly the signed one; the body is streamed into the blob store through a
 * meter that stops it past the maximum and fails it under the minimum (nothing partial is ever stored); the key
 * must be free (a second PUT is refused, never an overwrite). Then the OBJECT_FINALIZE notification is published
 * in Cloud Storage's own shape.
 */
export async function receiveUpload(deps: ReceiveUploadDeps, token: string, upload: IncomingUpload) {
  const check = deps.codec.verify(token, deps.clock.now());
  if (!check.ok)
    throw check.reason === 'expired' ? uploadErrors.targetExpired() : uploadErrors.targetInvalid();
  const { key, contentType, minBytes, maxBytes } = check.conditions;
  // Signed by us, but checked all the same: nothing outside uploads/ is ever written through this door.
  if (!key.startsWith(UPLOAD_PREFIX)) throw uploadErrors.targetInvalid();
  if (upload.contentType !== contentType) {
    throw uploadErrors.conditionFailed('Content-Type', contentType, upload.contentType ?? '(none)');
  }
  if (upload.contentLength !== null && (upload.contentLength < minBytes || upload.contentLength > maxBytes)) {
    throw uploadErrors.sizeOutOfRange(minBytes, maxBytes);
  }
  if (await deps.blobs.stat(key)) throw uploadErrors.alreadyUploaded();

  let bytes = 0;
  const meter = new Transform({
    transform(chunk: Buffer, _encoding, done) {
      bytes += chunk.length;
      if (bytes > maxBytes) return done(uploadErrors.sizeOutOfRange(minBytes, maxBytes));
      done(null, chunk);
    },
    flush(done) {
      done(bytes < minBytes ? uploadErrors.sizeOutOfRange(minBytes, maxBytes) : null);
    },
  });
  upload.body.on('error', (err) => meter.destroy(err));
  try {
    await deps.blobs.put(key, upload.body.pipe(meter), { contentType });
  } catch (err) {
    if (isAppError(err) && err.code === 'BLOB.ALREADY_EXISTS') throw uploadErrors.alreadyUploaded();
    throw err;
  }
  const generation = String(deps.clock.now().getTime() * 1000);
  await deps.publisher.publish(
    deps.topic,
    objectFinalizedMessage({
      bucket: deps.bucket,
      name: key,
      generation,
      size: bytes,
      contentType,
      timeCreated: deps.clock.now(),
    }),
  );
  return { key, bytes, generation };
}

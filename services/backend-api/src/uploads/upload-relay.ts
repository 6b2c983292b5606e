import { z } from 'zod';
import { env } from '@photo/shared/config/parse-config';
import { SpoolSlots } from '@photo/shared/io/spool-slots';
import type { ImageServerClient } from '@photo/shared/ports/image-server-client.port';

/** How many image bodies the backend relays to the image server at once, and how many more may wait unread. */
export const uploadRelayEnv = z.object({
  /** Bodies streamed to the image server at once (its own SPOOL_SLOTS is 4). */
  UPLOAD_RELAY_SLOTS: env.int(4, { min: 1, max: 1000 }),
  /** Further uploads that wait, their bodies unread; one more is refused at once with 503 and Retry-After. */
  UPLOAD_RELAY_QUEUE: env.int(64, { min: 0, max: 10_000 }),
  /** How long one of them waits for a slot before the same 503. */
  UPLOAD_RELAY_WAIT_SECONDS: env.int(30, { min: 1, max: 300 }),
});

export type UploadRelayEnv = z.infer<typeof uploadRelayEnv>;

export const uploadRelaySlots = (e: UploadRelayEnv): SpoolSlots =>
  new SpoolSlots(e.UPLOAD_RELAY_SLOTS, e.UPLOAD_RELAY_WAIT_SECONDS * 1000, e.UPLOAD_RELAY_QUEUE);

/**
 * The image server client with its uploads (event images, staff photos) admitted through `slots`: a body is read
 * only once it holds one, so a burst of any size keeps at most slots + queue requests' first buffers in memory and
 * is otherwise answered 503 SERVICE.UNAVAILABLE with Retry-After, having stored nothing (the same Idempotency-Key
 * sends it again).
 */
export function relayedUploads(client: ImageServerClient, slots: SpoolSlots): ImageServerClient {
  return {
    uploadVersion: (request) => slots.run(() => client.uploadVersion(request)),
    importUpload: (request) => client.importUpload(request),
    recordRenditions: (...args) => client.recordRenditions(...args),
    issueLink: (...args) => client.issueLink(...args),
  };
}

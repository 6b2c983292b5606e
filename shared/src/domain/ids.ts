import { createHash, randomBytes } from 'node:crypto';
import { z } from 'zod';

const ALPHABET = '0123456789abcdefghjkmnpqrstvwxyz'; // Crockford base32, lower case

/** The first `chars` bytes as base32 characters, 5 bits of each. */
export function base32(bytes: Buffer, chars: number): string {
  let out = '';
  for (let i = 0; i < chars; i++) out += ALPHABET[bytes[i]! & 31];
  return out;
}

/** 100 random bits as 20 base32 characters: never monotonic, so Firestore keys spread evenly. */
const randomBase32 = (chars = 20): string => base32(randomBytes(chars), chars);

export const newVisitorId = (): string => `v_${randomBase32()}`;
export const newImageId = (): string => `img_${randomBase32()}`;
export const newBlobId = (): string => randomBase32(26);
export const newRequestId = (): string => randomBase32(16);
export const newDeadLetterId = (): string => `dl_${randomBase32()}`;
export const newNotificationId = (): string => `ntf_${randomBase32()}`;
export const newOutboxId = (): string => `obx_${randomBase32()}`;
export const newUploadIntentId = (): string => `up_${randomBase32()}`;
export const newAuditId = (): string => `au_${randomBase32()}`;

/** Ids arrive in paths and bodies: only this alphabet gets through, so no separator or dot can. */
export const idSchema = (prefix: string, what: string, chars = 20) =>
  z
    .string()
    .regex(
      new RegExp(`^${prefix}_[0-9a-z]{${chars}}$`),
      `must be ${what} (${prefix}_ + ${chars} base32 chars)`,
    );

export const visitorIdSchema = idSchema('v', 'a visitor id');
export const imageIdSchema = idSchema('img', 'an image id');
export const uploadIntentIdSchema = idSchema('up', 'an upload id');
export const notificationIdSchema = idSchema('ntf', 'a notification id');

/** A stable image id from a seed (a caller's idempotency key): a retried upload lands on the same image. */
export const deriveImageId = (seed: string): string =>
  `img_${base32(createHash('sha256').update(seed).digest(), 20)}`;

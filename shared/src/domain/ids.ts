import { createHash, randomBytes } from 'node:crypto';
import { z } from 'zod';

const ALPHABET = '0123456789abcdefghjkmnpqrstvwxyz'; // Crockford base32, lower case

/** 100 random bits as 20 base32 characters: never monotonic, so Firestore keys spread evenly. */
function randomBase32(chars = 20): string {
  const bytes = randomBytes(chars);
  let out = '';
  for (let i = 0; i < chars; i++) out += ALPHABET[bytes[i]! & 31];
  return out;
}

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
export const visitorIdSchema = z
  .string()
  .regex(/^v_[0-9a-z]{20}$/, 'must be a visitor id (v_ + 20 base32 chars)');
export const imageIdSchema = z
  .string()
  .regex(/^img_[0-9a-z]{20}$/, 'must be an image id (img_ + 20 base32 chars)');
export const uploadIntentIdSchema = z
  .string()
  .regex(/^up_[0-9a-z]{20}$/, 'must be an upload id (up_ + 20 base32 chars)');
export const notificationIdSchema = z
  .string()
  .regex(/^ntf_[0-9a-z]{20}$/, 'must be a notification id (ntf_ + 20 base32 chars)');

/** A stable image id from a seed (a caller's idempotency key): a retried upload lands on the same image. */
export function deriveImageId(seed: string): string {
  const digest = createHash('sha256').update(seed).digest();
  let out = '';
  for (let i = 0; i < 20; i++) out += ALPHABET[digest[i]! & 31];
  return `img_${out}`;
}

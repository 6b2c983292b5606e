import { createHash, createHmac, randomBytes, timingSafeEqual } from 'node:crypto';

export const sha256Hex = (value: string | Buffer): string => createHash('sha256').update(value).digest('hex');

/** A bearer secret with `bits` of randomness, URL-safe. */
export const randomToken = (bits = 256): string => randomBytes(bits / 8).toString('base64url');

export const hmacSha256 = (key: string | Buffer, value: string): Buffer =>
  createHmac('sha256', key).update(value).digest();

export function safeEqual(a: Buffer, b: Buffer): boolean {
  return a.length === b.length && timingSafeEqual(a, b);
}

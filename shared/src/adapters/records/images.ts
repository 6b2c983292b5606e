import { z } from 'zod';
import {
  IMAGE_KINDS,
  IMAGE_STATUSES,
  imageVariantSchema,
  type Image,
  type StoredVariant,
} from '../../domain/image';
import type { Palette } from '../../domain/palette';
import type { StatusChange } from '../../ports/image-repository.port';
import type { ConsumeResult } from '../../ports/one-time-token-repository.port';
import { instant, json } from './stored';

/** Images, their variants, status history and palettes as both stores keep them (see stored.ts). */
export const imageRecord = z.object({
  imageId: z.string(),
  kind: z.enum(IMAGE_KINDS),
  ownerVisitorId: z.string().nullable(),
  currentVersion: z.number().int(),
  servedVariant: imageVariantSchema,
  status: z.enum(IMAGE_STATUSES),
  statusReason: z.string().nullable(),
  createdAt: instant,
  updatedAt: instant,
}) satisfies z.ZodType<Image>;

export const variantRecord = z.object({
  imageId: z.string(),
  version: z.number().int(),
  variant: imageVariantSchema,
  blobKey: z.string(),
  contentType: z.string(),
  bytes: z.number().int(),
  sha256: z.string(),
  width: z.number().int(),
  height: z.number().int(),
  createdAt: instant,
}) satisfies z.ZodType<StoredVariant>;

export const statusChangeRecord = z.object({
  imageId: z.string(),
  version: z.number().int(),
  status: z.enum(IMAGE_STATUSES),
  reason: z.string().nullable(),
  at: instant,
}) satisfies z.ZodType<StatusChange>;

const triple = z.tuple([z.number(), z.number(), z.number()]);

export const paletteRecord = z.object({
  paletteId: z.string(),
  imageId: z.string(),
  version: z.number().int(),
  k: z.number().int(),
  algorithm: z.string(),
  colours: json(z.array(z.object({ hex: z.string(), rgb: triple, lab: triple, share: z.number() }))),
  createdAt: instant,
}) satisfies z.ZodType<Palette>;

/** One update in a participant's feed, and its position there: strictly increasing in commit order. */
export const feedEntryRecord = z.object({
  visitorId: z.string(),
  imageId: z.string(),
  version: z.number().int(),
  variant: imageVariantSchema,
  updatedAt: instant,
  seq: z.number().int().positive(),
});

/** A one-time grant; in Firestore `expiresAt` is a Timestamp, so the TTL policy infra declares on it deletes it. */
export const oneTimeTokenRecord = z.object({
  tokenHash: z.string(),
  imageId: z.string(),
  version: z.number().int(),
  variant: imageVariantSchema,
  createdAt: instant,
  expiresAt: instant,
  usedAt: instant.nullable(),
});

/** The answer for a stored token (undefined: none) as it stands at `now`; a used token stays 'used' once expired. */
export function consumeAnswer(stored: unknown, now: Date): ConsumeResult {
  if (stored === undefined) return { outcome: 'unknown' };
  const { usedAt, ...grant } = oneTimeTokenRecord.parse(stored);
  if (usedAt !== null) return { outcome: 'used' };
  if (grant.expiresAt.getTime() <= now.getTime()) return { outcome: 'expired' };
  return { outcome: 'granted', grant };
}

import { z } from 'zod';
import { IMAGE_KINDS, IMAGE_STATUSES, imageVariantSchema } from '../../domain/image';
import type { Image, ImageVariant, StoredVariant } from '../../domain/image';
import type { NewImage, StatusChange } from '../../ports/image-repository.port';
import { timestamp, toTimestamp } from './documents';

/**
 * The documents behind FirestoreImageRepository, and their mappers:
 *   images/{imageId}                                  the image, its creation key and its status event count
 *   images/{imageId}/variants/{version}-{variant}     one per stored variant; the id makes addVariant idempotent
 *   images/{imageId}/versionKeys/{sha256(key)}        an upload's idempotency key → the version it made
 *   images/{imageId}/statusEvents/{seq, 10 digits}    the status history, in the order it was recorded
 *   imageCreationKeys/{sha256(key)}                   a creation key → its image
 *   imageVersions/{imageId}-{version}                 one per uploaded version, with the image's kind: what the
 *                                                     dashboard counts uploads per minute from
 * Sequential ids under images/{id} do not hot-spot: the random image id leads every key.
 */

export const imageDoc = z.object({
  imageId: z.string(),
  kind: z.enum(IMAGE_KINDS),
  ownerVisitorId: z.string().nullable(),
  creationKey: z.string().nullable(),
  currentVersion: z.number().int(),
  servedVariant: imageVariantSchema,
  status: z.enum(IMAGE_STATUSES),
  statusReason: z.string().nullable(),
  /** How many status events the image has: the next one's sequence number. */
  statusEvents: z.number().int(),
  createdAt: timestamp,
  updatedAt: timestamp,
});
export type ImageDoc = z.infer<typeof imageDoc>;

export const toImage = (data: unknown): Image => {
  const { creationKey: _, statusEvents: __, ...image } = imageDoc.parse(data);
  return image;
};

export const newImageDoc = (image: NewImage) => ({
  imageId: image.imageId,
  kind: image.kind,
  ownerVisitorId: image.ownerVisitorId,
  creationKey: image.creationKey,
  currentVersion: 0,
  servedVariant: 'original' satisfies ImageVariant,
  status: 'empty',
  statusReason: null,
  statusEvents: 0,
  createdAt: toTimestamp(image.now),
  updatedAt: toTimestamp(image.now),
});

const variantDoc = z.object({
  imageId: z.string(),
  version: z.number().int(),
  variant: imageVariantSchema,
  blobKey: z.string(),
  contentType: z.string(),
  bytes: z.number().int(),
  sha256: z.string(),
  width: z.number().int(),
  height: z.number().int(),
  createdAt: timestamp,
});

export const toVariant = (data: unknown): StoredVariant => variantDoc.parse(data);

export const variantToDoc = (variant: StoredVariant) => ({
  ...variant,
  createdAt: toTimestamp(variant.createdAt),
});

export const variantId = (version: number, variant: ImageVariant): string => `${version}-${variant}`;

export const versionKeyDoc = z.object({ version: z.number().int(), variant: imageVariantSchema });

export const versionLogDoc = z.object({
  imageId: z.string(),
  version: z.number().int(),
  kind: z.enum(IMAGE_KINDS),
  createdAt: timestamp,
});

export const creationKeyDoc = z.object({ imageId: z.string() });

const statusDoc = z.object({
  imageId: z.string(),
  version: z.number().int(),
  status: z.enum(IMAGE_STATUSES),
  reason: z.string().nullable(),
  at: timestamp,
});

export const toStatusChange = (data: unknown): StatusChange => statusDoc.parse(data);

export const statusToDoc = (change: StatusChange) => ({ ...change, at: toTimestamp(change.at) });

/** Zero-padded, so the document order is the recording order. */
export const statusEventId = (seq: number): string => String(seq).padStart(10, '0');

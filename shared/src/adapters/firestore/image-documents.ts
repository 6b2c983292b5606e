import { z } from 'zod';
import { IMAGE_KINDS, imageVariantSchema, type Image, type ImageVariant } from '../../domain/image';
import type { NewImage } from '../../ports/image-repository.port';
import { imageRecord } from '../records/images';
import { instant } from '../records/stored';

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

export const imageDoc = imageRecord.extend({
  creationKey: z.string().nullable(),
  /** How many status events the image has: the next one's sequence number. */
  statusEvents: z.number().int(),
});

/** The image alone: the schema strips the document's creation key and event count. */
export const toImage = (data: unknown): Image => imageRecord.parse(data);

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
  createdAt: image.now,
  updatedAt: image.now,
});

export const variantId = (version: number, variant: ImageVariant): string => `${version}-${variant}`;

export const versionKeyDoc = z.object({ version: z.number().int(), variant: imageVariantSchema });

export const versionLogDoc = z.object({
  imageId: z.string(),
  version: z.number().int(),
  kind: z.enum(IMAGE_KINDS),
  createdAt: instant,
});

export const creationKeyDoc = z.object({ imageId: z.string() });

/** Zero-padded, so the document order is the recording order. */
export const statusEventId = (seq: number): string => String(seq).padStart(10, '0');

import { z } from 'zod';
import { imageIdSchema, visitorIdSchema } from '@photo/shared/domain/ids';
import {
  IMAGE_KINDS,
  IMAGE_STATUSES,
  imageVariantSchema,
  type Image,
  type StoredVariant,
} from '@photo/shared/domain/image';

/** JSON shapes of images on the wire: ISO dates, no storage keys. The schemas document them (OpenAPI). */

export const imageViewSchema = z
  .object({
    imageId: imageIdSchema,
    kind: z.enum(IMAGE_KINDS),
    ownerVisitorId: visitorIdSchema.nullable(),
    currentVersion: z.number().int().min(0).meta({ description: '0 until the first upload.' }),
    servedVariant: imageVariantSchema.meta({ description: 'What new one-time URLs of the image serve.' }),
    status: z.enum(IMAGE_STATUSES),
    statusReason: z.string().nullable(),
    createdAt: z.iso.datetime(),
    updatedAt: z.iso.datetime(),
  })
  .meta({ id: 'Image' });
export type ImageView = z.infer<typeof imageViewSchema>;

export const variantViewSchema = z
  .object({
    version: z.number().int().positive(),
    variant: imageVariantSchema,
    contentType: z.string(),
    bytes: z.number().int().positive(),
    sha256: z
      .string()
      .meta({ description: 'Hex SHA-256 of the bytes; the strong ETag the image server sends.' }),
    width: z.number().int().positive(),
    height: z.number().int().positive(),
    createdAt: z.iso.datetime(),
  })
  .meta({ id: 'ImageVariant' });
export type VariantView = z.infer<typeof variantViewSchema>;

export const toImageView = (image: Image): ImageView => ({
  imageId: image.imageId,
  kind: image.kind,
  ownerVisitorId: image.ownerVisitorId,
  currentVersion: image.currentVersion,
  servedVariant: image.servedVariant,
  status: image.status,
  statusReason: image.statusReason,
  createdAt: image.createdAt.toISOString(),
  updatedAt: image.updatedAt.toISOString(),
});

export const toVariantView = (variant: StoredVariant): VariantView => ({
  version: variant.version,
  variant: variant.variant,
  contentType: variant.contentType,
  bytes: variant.bytes,
  sha256: variant.sha256,
  width: variant.width,
  height: variant.height,
  createdAt: variant.createdAt.toISOString(),
});

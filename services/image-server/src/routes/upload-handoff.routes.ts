import type { Router } from 'express';
import { z } from 'zod';
import { imageIdSchema, uploadIntentIdSchema, visitorIdSchema } from '@photo/shared/domain/ids';
import { renditionVariantSchema, type RenditionVariant } from '@photo/shared/domain/image';
import { derivativeKey, DERIVED_UPLOADS_PREFIX, intentIdOfKey } from '@photo/shared/domain/upload';
import { errors } from '@photo/shared/errors/errors';
import { uploadErrors } from '@photo/shared/errors/upload-errors';
import {
  imageViewSchema,
  toImageView,
  toVariantView,
  variantViewSchema,
} from '@photo/shared/http/image-views';
import { defineRoute, type ImageServerRoute } from '../http/route';
import { importUpload, recordRenditions } from '../use-cases/upload-handoff';
import type { StoreVersionDeps } from '../use-cases/store-version';

const sha256 = z.string().regex(/^[0-9a-f]{64}$/, 'must be a hex SHA-256');
/** A stored version: the image and the variant the body became. */
export const stored = z.object({ image: imageViewSchema, variant: variantViewSchema });
/** A rendition's object is where the pipeline writes it (`derivativeKey`), never another image's bytes. */
const isDerivativeKey = (r: { blobKey: string; variant: RenditionVariant }): boolean => {
  const intentId = r.blobKey.slice(DERIVED_UPLOADS_PREFIX.length).split('/')[0];
  return (
    uploadIntentIdSchema.safeParse(intentId).success && r.blobKey === derivativeKey(intentId!, r.variant)
  );
};

const importUploadRoute = defineRoute({
  method: 'post',
  path: '/internal/images/{imageId}/versions/imports',
  operationId: 'importUpload',
  tags: ['Internal'],
  summary: 'Make a direct upload the next version of an image',
  description: `The upload pipeline's handoff. The object under \`uploads/\` is read from storage here (its bytes do
not travel through the call), must hash to \`sha256\` (what the pipeline verified), and is then inspected, stripped and
stored as \`PUT /internal/images/{imageId}/versions\` stores a body: compare-and-swap on \`expectedVersion\`, a retry
with the same \`idempotencyKey\` answers the version it stored (200). Publishes \`image.uploaded\` and \`image.updated\`.`,
  access: 'service',
  request: {
    params: z.object({ imageId: imageIdSchema }),
    body: z
      .object({
        kind: z.enum(['participant-photo', 'event']),
        ownerVisitorId: visitorIdSchema.nullable(),
        expectedVersion: z.number().int().min(0),
        idempotencyKey: z.string().regex(/^[A-Za-z0-9._:-]{8,128}$/),
        objectKey: z.string().refine((k) => intentIdOfKey(k) !== null, 'must be uploads/{intentId}'),
        sha256,
      })
      .strict(),
  },
  responses: {
    201: { description: 'Stored as the new current version.', body: stored },
    200: { description: 'A retry: the version this idempotency key stored.', body: stored },
  },
  errors: [
    [uploadErrors.notFound, 'No object under the key.'],
    uploadErrors.objectChanged,
    errors.forbidden,
    errors.versionConflict,
    errors.imageTypeNotAllowed,
    errors.imageInvalid,
    errors.imageTooManyPixels,
    errors.payloadTooLarge,
    errors.idempotencyKeyReused,
  ],
});

const recordRenditionsRoute = defineRoute({
  method: 'put',
  path: '/internal/images/{imageId}/versions/{version}/renditions',
  operationId: 'recordRenditions',
  tags: ['Internal'],
  summary: "Record the upload pipeline's renditions as variants of a version",
  description:
    'Each object must be stored under `derived/uploads/` with the given size. Idempotent: the first record of a variant stays.',
  access: 'service',
  request: {
    params: z.object({ imageId: imageIdSchema, version: z.coerce.number().int().positive() }),
    body: z
      .object({
        renditions: z
          .array(
            z
              .object({
                variant: renditionVariantSchema,
                blobKey: z.string(),
                contentType: z.enum(['image/jpeg', 'image/webp', 'image/avif']),
                bytes: z.number().int().positive(),
                sha256,
                width: z.number().int().positive(),
                height: z.number().int().positive(),
              })
              .strict()
              .refine(isDerivativeKey, {
                message: 'must be derived/uploads/{intentId}/{variant}',
                path: ['blobKey'],
              }),
          )
          .min(1)
          .max(64),
      })
      .strict(),
  },
  responses: { 200: { description: 'Recorded.', body: z.object({ variants: z.array(variantViewSchema) }) } },
  errors: [[errors.imageNotFound, 'No such image, or no such version.'], uploadErrors.renditionMissing],
});

export const uploadHandoffContracts = [importUploadRoute, recordRenditionsRoute];

/** What the upload pipeline calls: its upload becomes a version, and its renditions variants of it. */
export function uploadHandoffRoutes(router: Router, route: ImageServerRoute, deps: StoreVersionDeps): void {
  route(router, importUploadRoute, async ({ params, body }) => {
    const result = await importUpload(deps, { ...body, imageId: params.imageId });
    const view = { image: toImageView(result.image), variant: toVariantView(result.variant) };
    return { status: result.created ? 201 : 200, body: view };
  });
  route(router, recordRenditionsRoute, async ({ params, body }) => {
    const variants = await recordRenditions(deps, params, body.renditions);
    return { status: 200, body: { variants: variants.map(toVariantView) } };
  });
}

import { Router } from 'express';
import { z } from 'zod';
import type { ServiceCallerVerifier } from '@photo/shared/auth/service-verifier';
import { imageIdSchema, visitorIdSchema } from '@photo/shared/domain/ids';
import { imageVariantSchema, type ImageVariant } from '@photo/shared/domain/image';
import { errors } from '@photo/shared/errors/errors';
import { toImageView, toVariantView } from '@photo/shared/http/image-views';
import type { IssuedImageLink } from '@photo/shared/ports/image-server-client.port';
import { queryInteger } from '@photo/shared/http/validate';
import { defineRoute, imageServerRouteMounter } from '../http/route';
import { storeVersion, type StoreVersionDeps } from '../use-cases/store-version';
import { stored, uploadHandoffContracts, uploadHandoffRoutes } from './upload-handoff.routes';

const imageParams = z.object({ imageId: imageIdSchema });

const storeVersionRoute = defineRoute({
  method: 'put',
  path: '/internal/images/{imageId}/versions',
  operationId: 'storeVersion',
  tags: ['Internal'],
  summary: 'Store the next version of an image',
  description: `The body is spooled to a temporary file (up to MAX_UPLOAD_BYTES), its format detected from the bytes and
checked against ALLOWED_TYPES, its pixel count against MAX_INPUT_PIXELS before decoding, then every pixel decoded. Only
then is it written under \`originals/\` and made current by a compare-and-swap on \`x-expected-version\`. The image is
created on its first version. A retry with the same \`idempotency-key\` answers the version it stored (200). Publishes
\`image.uploaded\` and \`image.updated\`.`,
  access: 'service',
  request: {
    params: imageParams,
    headers: z.object({
      'x-image-kind': z.enum(['participant-photo', 'event']),
      'x-owner-visitor-id': visitorIdSchema.optional(),
      'x-expected-version': queryInteger({ min: 0, default: 0 }),
      'idempotency-key': z
        .string()
        .regex(/^[A-Za-z0-9._:-]{8,128}$/, 'must be 8-128 characters of [A-Za-z0-9._:-]')
        .optional(),
    }),
    content: { 'image/*': { schema: { type: 'string' } } },
  },
  responses: {
    201: { description: 'Stored as the new current version.', body: stored },
    200: { description: 'A retry: the version this idempotency key stored.', body: stored },
  },
  errors: [
    errors.emptyBody,
    [
      errors.forbidden,
      'The service account may not call this service, or the image has another kind or owner.',
    ],
    errors.imageNotFound,
    errors.versionConflict,
    [errors.payloadTooLarge, 'The body is larger than MAX_UPLOAD_BYTES; `details.limitBytes` is the limit.'],
    [errors.unsupportedMediaType, 'The Content-Type is not image/*.'],
    errors.imageTypeNotAllowed,
    errors.imageInvalid,
    errors.imageTooManyPixels,
    errors.idempotencyKeyReused,
  ],
});

const issueLinkRoute = defineRoute({
  method: 'post',
  path: '/internal/images/{imageId}/links',
  operationId: 'issueLink',
  tags: ['Internal'],
  summary: 'Issue a one-time URL',
  description:
    'Bound to the current version and the served variant (or the one asked for); valid LINK_TTL_SECONDS.',
  access: 'service',
  request: { params: imageParams, body: z.object({ variant: imageVariantSchema.optional() }).strict() },
  responses: {
    201: {
      description: 'Issued.',
      body: z
        .object({
          url: z.url().meta({ description: '`{PUBLIC_BASE_URL}/i/{token}`: one successful GET, then 410.' }),
          imageId: imageIdSchema,
          version: z.number().int().positive(),
          variant: imageVariantSchema,
          expiresAt: z.iso.datetime(),
        })
        .meta({ id: 'ImageLink' }),
    },
  },
  errors: [[errors.imageNotFound, 'No such image, or no version yet.'], errors.imageVariantNotFound],
});

export const internalContracts = [storeVersionRoute, issueLinkRoute, ...uploadHandoffContracts];

/** Issues a one-time link of an image: what `POST /internal/images/{imageId}/links` answers. */
export type LinkIssuer = (imageId: string, variant: ImageVariant | null) => Promise<IssuedImageLink>;

/** Routes only other services call, each authenticated as a service (Google ID token on Cloud Run). */
export function internalRoutes(deps: {
  store: StoreVersionDeps;
  issueLink: LinkIssuer;
  callers: ServiceCallerVerifier;
}): Router {
  const router = Router();
  const route = imageServerRouteMounter({ service: deps.callers });
  uploadHandoffRoutes(router, route, deps.store);

  route(router, storeVersionRoute, async ({ params: { imageId }, headers, req }) => {
    if (!req.is('image/*')) throw errors.unsupportedMediaType(['image/jpeg', 'image/png', 'image/webp']);
    const result = await storeVersion(deps.store, {
      imageId,
      kind: headers['x-image-kind'],
      ownerVisitorId: headers['x-owner-visitor-id'] ?? null,
      expectedVersion: headers['x-expected-version'],
      idempotencyKey: headers['idempotency-key'] ?? null,
      body: req,
    });
    const body = { image: toImageView(result.image), variant: toVariantView(result.variant) };
    return { status: result.created ? 201 : 200, body };
  });

  route(router, issueLinkRoute, async ({ params: { imageId }, body }) => {
    return { status: 201, body: await deps.issueLink(imageId, body.variant ?? null) };
  });

  return router;
}

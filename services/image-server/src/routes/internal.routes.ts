import { Router, type RequestHandler } from 'express';
import { z } from 'zod';
import { imageVariantSchema } from '@photo/shared/domain/image';
import { imageIdSchema, visitorIdSchema } from '@photo/shared/domain/ids';
import type { ServiceCallerVerifier } from '@photo/shared/auth/service-verifier';
import { errors } from '@photo/shared/errors/errors';
import { requestContext } from '@photo/shared/http/request-context';
import { jsonBody, parse, queryInteger } from '@photo/shared/http/validate';
import { storeVersion, type StoreVersionDeps } from '../use-cases/store-version';
import { issueLink, type IssueLinkDeps } from '../use-cases/issue-link';
import { toImageView, toVariantView } from '@photo/shared/http/image-views';
import { uploadHandoffRoutes } from './upload-handoff.routes';

export const versionHeaders = z.object({
  'x-image-kind': z.enum(['participant-photo', 'event']),
  'x-owner-visitor-id': visitorIdSchema.optional(),
  'x-expected-version': queryInteger({ min: 0, default: 0 }),
  'idempotency-key': z
    .string()
    .regex(/^[A-Za-z0-9._:-]{8,128}$/, 'must be 8-128 characters of [A-Za-z0-9._:-]')
    .optional(),
});

export const linkRequest = z.object({ variant: imageVariantSchema.optional() }).strict();

/** Routes only other services call, each authenticated as a service (Google ID token on Cloud Run). */
export function internalRoutes(deps: {
  store: StoreVersionDeps;
  links: IssueLinkDeps;
  publicBaseUrl: string;
  callers: ServiceCallerVerifier;
}): Router {
  const router = Router();
  const serviceOnly: RequestHandler = async (req, res, next) => {
    requestContext(res).caller = await deps.callers.verify(req);
    next();
  };
  router.use('/internal', serviceOnly);
  uploadHandoffRoutes(router, { ...deps.store, authorize: async (_req, res) => requestContext(res).caller });

  router.put('/internal/images/:imageId/versions', async (req, res) => {
    const imageId = parse(imageIdSchema, req.params.imageId);
    const headers = parse(versionHeaders, req.headers);
    if (!req.is('image/*')) throw errors.unsupportedMediaType(['image/jpeg', 'image/png', 'image/webp']);
    const result = await storeVersion(deps.store, {
      imageId,
      kind: headers['x-image-kind'],
      ownerVisitorId: headers['x-owner-visitor-id'] ?? null,
      expectedVersion: headers['x-expected-version'],
      idempotencyKey: headers['idempotency-key'] ?? null,
      body: req,
    });
    res
      .status(result.created ? 201 : 200)
      .json({ image: toImageView(result.image), variant: toVariantView(result.variant) });
  });

  router.post('/internal/images/:imageId/links', async (req, res) => {
    const imageId = parse(imageIdSchema, req.params.imageId);
    const body = jsonBody(req, linkRequest);
    const link = await issueLink(deps.links, imageId, body.variant ?? null);
    res.status(201).json({
      url: `${deps.publicBaseUrl}/i/${link.token}`,
      imageId: link.imageId,
      version: link.version,
      variant: link.variant,
      expiresAt: link.expiresAt.toISOString(),
    });
  });

  return router;
}

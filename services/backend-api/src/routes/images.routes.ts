import { Router, type Request, type Response } from 'express';
import { imageIdSchema } from '@photo/shared/domain/ids';
import { PERMISSIONS } from '@photo/shared/domain/permissions';
import { errors } from '@photo/shared/errors/errors';
import { toImageView, toVariantView } from '@photo/shared/http/image-views';
import { hasJsonBody } from '@photo/shared/http/json-body';
import { jsonBody, parse } from '@photo/shared/http/validate';
import type { ImageRepository } from '@photo/shared/ports/image-repository.port';
import type { ImageServerClient } from '@photo/shared/ports/image-server-client.port';
import type { Authenticator } from '../auth/authenticator';
import { requestImageUrl } from '../use-cases/image-url';
import { uploadEventImages } from '../use-cases/upload-event-images';
import type { RecordAction } from './audit';
import { limitedPerCaller, limitedUpload, type Limits } from './limited';
import { incomingImages } from './multipart-images';
import { generationRequest, idempotencyKey, imageListQuery, lookRequest, urlRequest } from './schemas';
import { requestLook, type RequestLookDeps } from '../use-cases/request-look';
import { requestGeneration } from '../use-cases/request-generation';
import { visitorIdSchema } from '@photo/shared/domain/ids';
import type { Palette } from '@photo/shared/domain/palette';

export const MAX_FILES_PER_UPLOAD = 50;

export const toPaletteView = (p: Palette) => ({
  paletteId: p.paletteId,
  imageId: p.imageId,
  version: p.version,
  k: p.k,
  algorithm: p.algorithm,
  colours: p.colours,
  createdAt: p.createdAt.toISOString(),
});

/** Event images (operator uploads), image listings with status and versions, one-time URLs, generation, looks. */
export function imageRoutes(
  deps: RequestLookDeps & {
    auth: Authenticator;
    images: ImageRepository;
    imageServer: ImageServerClient;
    limits: Limits;
    record: RecordAction;
  },
): Router {
  const router = Router();
  const { auth, limits } = deps;

  const asImageWriter = (req: Request, res: Response) => auth.user(req, res, PERMISSIONS.imagesWrite);
  router.post('/images', ...limitedUpload(limits, asImageWriter), async (req, res) => {
    const operator = await asImageWriter(req, res);
    const key = parse(idempotencyKey, req.get('idempotency-key'));
    const uploaded = await uploadEventImages(deps, incomingImages(req, MAX_FILES_PER_UPLOAD), {
      uploader: operator.subject,
      idempotencyKey: key ?? null,
    });
    // A retry that stored nothing new changed nothing: only stored images are recorded.
    for (const image of uploaded.filter((u) => u.created))
      await deps.record(res, 'event-image.uploaded', image.imageId, { version: image.version });
    res.status(uploaded.some((u) => u.created) ? 201 : 200).json({ images: uploaded });
  });

  router.get('/images', async (req, res) => {
    await auth.user(req, res, PERMISSIONS.imagesRead);
    const query = parse(imageListQuery, req.query);
    const page = await deps.images.list(query.kind ? { kind: query.kind } : {}, {
      limit: query.limit,
      after: query.after ?? null,
    });
    res.json({ items: page.items.map(toImageView), next: page.next });
  });

  router.get('/images/:imageId', async (req, res) => {
    await auth.user(req, res, PERMISSIONS.imagesRead);
    const imageId = parse(imageIdSchema, req.params.imageId);
    const image = await deps.images.get(imageId);
    if (!image) throw errors.imageNotFound(imageId);
    const [variants, history, palette] = await Promise.all([
      deps.images.listVariants(imageId),
      deps.images.statusHistory(imageId),
      deps.palettes.forImage(imageId, image.currentVersion),
    ]);
    res.json({
      image: toImageView(image),
      palette: palette ? toPaletteView(palette) : null,
      variants: variants.map(toVariantView),
      statusHistory: history.map((h) => ({
        version: h.version,
        status: h.status,
        reason: h.reason,
        at: h.at.toISOString(),
      })),
    });
  });

  const anyCaller = (req: Request, res: Response) => auth.caller(req, res);
  router.post(
    '/images/:imageId/url',
    ...limitedPerCaller(limits, limits.rules.imageUrls, anyCaller),
    async (req, res) => {
      const caller = await anyCaller(req, res);
      const imageId = parse(imageIdSchema, req.params.imageId);
      const body = hasJsonBody(req) ? jsonBody(req, urlRequest) : {};
      const link = await requestImageUrl(deps, caller, imageId, body.variant ?? null);
      res.status(201).set('Cache-Control', 'no-store').json(link);
    },
  );

  router.post('/images/:imageId/generation', async (req, res) => {
    await auth.user(req, res, PERMISSIONS.imagesWrite);
    const imageId = parse(imageIdSchema, req.params.imageId);
    const body = hasJsonBody(req) ? jsonBody(req, generationRequest) : {};
    const requested = await requestGeneration(deps, imageId, body.paletteId ?? null);
    await deps.record(res, 'generation.requested', imageId, { paletteId: body.paletteId ?? null });
    res.status(202).json(requested);
  });

  router.post('/participants/:visitorId/looks', async (req, res) => {
    await auth.user(req, res, PERMISSIONS.imagesWrite);
    const visitorId = parse(visitorIdSchema, req.params.visitorId);
    const body = jsonBody(req, lookRequest);
    const requested = await requestLook(deps, visitorId, body.paletteIds);
    await deps.record(res, 'look.requested', visitorId, { palettes: body.paletteIds.length });
    res.status(202).json(requested);
  });

  return router;
}

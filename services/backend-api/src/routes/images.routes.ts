import type { Router } from 'express';
import { PERMISSIONS } from '@photo/shared/domain/permissions';
import type { Palette } from '@photo/shared/domain/palette';
import { errors } from '@photo/shared/errors/errors';
import { toImageView, toVariantView } from '@photo/shared/http/image-views';
import type { ImageRepository } from '@photo/shared/ports/image-repository.port';
import type { ImageServerClient } from '@photo/shared/ports/image-server-client.port';
import type { Authenticator } from '../auth/authenticator';
import {
  eventUploadView,
  imageDetailView,
  imageLinkView,
  imagePageView,
  type PaletteView,
} from '../http/response-schemas';
import { backendRouter, defineRoute } from '../http/route';
import { requestImageUrl } from '../use-cases/image-url';
import type { RequestLookDeps } from '../use-cases/request-look';
import { uploadEventImages } from '../use-cases/upload-event-images';
import type { RecordAction } from './audit';
import type { Limits } from '../rate-limits';
import { mountLooks } from './looks.routes';
import { incomingImages } from './multipart-images';
import {
  idempotencyHeader,
  IMAGE_CONTENT_TYPES,
  imageBodies,
  imageListQuery,
  imageParams,
  imageUploadErrors,
  urlRequest,
} from './schemas';
import { toUploadedVersionView } from './views';

export const MAX_FILES_PER_UPLOAD = 50;

export const toPaletteView = (p: Palette): PaletteView => ({
  paletteId: p.paletteId,
  imageId: p.imageId,
  version: p.version,
  k: p.k,
  algorithm: p.algorithm,
  colours: p.colours,
  createdAt: p.createdAt.toISOString(),
});

const TAGS = ['Images'];
const reader = { permission: PERMISSIONS.imagesRead };

const uploadEventImagesRoute = defineRoute({
  method: 'post',
  path: '/images',
  operationId: 'uploadEventImages',
  tags: TAGS,
  summary: 'Upload event images (one raw image, or several as multipart/form-data)',
  description: `Each image becomes a new event image, stored by the image server, which starts the colour pipeline.
In a multipart body every file part is one image, whatever its field name (at most ${MAX_FILES_PER_UPLOAD}); images are
stored one after another, so a failure part-way leaves the earlier ones stored. With an \`Idempotency-Key\` the image
ids derive from the key, the uploader and each file's position, so retrying the whole request stores nothing twice.`,
  access: { permission: PERMISSIONS.imagesWrite },
  limited: ['uploadsPerAddress', 'uploads'],
  request: {
    headers: idempotencyHeader,
    content: {
      ...imageBodies,
      'multipart/form-data': {
        schema: {
          type: 'object',
          properties: {
            files: {
              type: 'array',
              maxItems: MAX_FILES_PER_UPLOAD,
              items: { type: 'string', contentMediaType: 'application/octet-stream' },
            },
          },
        },
        encoding: { files: { contentType: IMAGE_CONTENT_TYPES.join(', ') } },
      },
    },
  },
  responses: {
    201: { description: 'At least one image was stored.', body: eventUploadView },
    200: {
      description: 'A retry: every image had already been stored under this Idempotency-Key.',
      body: eventUploadView,
    },
  },
  errors: [
    ...imageUploadErrors,
    [
      errors.invalidRequest,
      `A bad Idempotency-Key, no file in the form, more than ${MAX_FILES_PER_UPLOAD} files, or an unreadable multipart body; \`details.issues\` says which.`,
    ],
  ],
});

const listImages = defineRoute({
  method: 'get',
  path: '/images',
  operationId: 'listImages',
  tags: TAGS,
  summary: 'List images, newest first',
  access: reader,
  request: { query: imageListQuery },
  responses: { 200: { description: 'A page.', body: imagePageView } },
  errors: [errors.invalidCursor],
});

const getImage = defineRoute({
  method: 'get',
  path: '/images/{imageId}',
  operationId: 'getImage',
  tags: TAGS,
  summary: 'An image with its palette, every stored variant of every version, and its status history',
  access: reader,
  request: { params: imageParams },
  responses: { 200: { description: 'The image.', body: imageDetailView } },
  errors: [errors.imageNotFound],
});

const issueImageUrl = defineRoute({
  method: 'post',
  path: '/images/{imageId}/url',
  operationId: 'issueImageUrl',
  tags: ['Images', 'Participant app'],
  summary: 'A one-time URL of an image',
  description: `The URL is bound to the version and variant served now (or the variant asked for): a later swap never
changes what it returns. It works once, expires after the image server's LINK_TTL_SECONDS, and is answered with
\`Cache-Control: no-store\`. A participant may only ask for their own images; anyone else's answer 404.
The body is optional.`,
  access: 'participant-or-image-reader',
  limited: ['imageUrls'],
  request: { params: imageParams, body: urlRequest, optionalBody: true },
  responses: { 201: { description: 'Issued.', body: imageLinkView } },
  errors: [
    [errors.imageNotFound, 'No such image, no version yet, or (for a participant) not theirs.'],
    errors.imageVariantNotFound,
    [errors.dependencyFailed, 'The image server failed to issue the link.'],
  ],
});

export const imageContracts = [uploadEventImagesRoute, listImages, getImage, issueImageUrl];

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
  return backendRouter(deps, (route) => {
    route(uploadEventImagesRoute, async ({ caller, headers, req, res }) => {
      const uploaded = await uploadEventImages(deps, incomingImages(req, MAX_FILES_PER_UPLOAD), {
        uploader: caller.subject,
        idempotencyKey: headers['Idempotency-Key'] ?? null,
      });
      // A retry that stored nothing new changed nothing: only stored images are recorded.
      for (const image of uploaded.filter((u) => u.created))
        await deps.record(res, 'event-image.uploaded', image.imageId, { version: image.version });
      const body = { images: uploaded.map(toUploadedVersionView) };
      return uploaded.some((u) => u.created) ? { status: 201, body } : { status: 200, body };
    });

    route(listImages, async ({ query }) => {
      const page = await deps.images.list(query.kind ? { kind: query.kind } : {}, {
        limit: query.limit,
        after: query.after ?? null,
      });
      return { status: 200, body: { items: page.items.map(toImageView), next: page.next } };
    });

    route(getImage, async ({ params: { imageId } }) => {
      const image = await deps.images.get(imageId);
      if (!image) throw errors.imageNotFound(imageId);
      const [variants, history, palette] = await Promise.all([
        deps.images.listVariants(imageId),
        deps.images.statusHistory(imageId),
        deps.palettes.forImage(imageId, image.currentVersion),
      ]);
      const statusHistory = history.map((h) => ({
        version: h.version,
        status: h.status,
        reason: h.reason,
        at: h.at.toISOString(),
      }));
      const body = {
        image: toImageView(image),
        palette: palette ? toPaletteView(palette) : null,
        variants: variants.map(toVariantView),
        statusHistory,
      };
      return { status: 200, body };
    });

    route(issueImageUrl, async ({ caller, params, body }) => {
      const link = await requestImageUrl(deps, caller, params.imageId, body.variant ?? null);
      return { status: 201, body: link, headers: { 'Cache-Control': 'no-store' } };
    });

    mountLooks(route, deps);
  });
}

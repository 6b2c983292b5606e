import type { RouteConfig } from '@asteasolutions/zod-to-openapi';
import { PERMISSIONS } from '@photo/shared/domain/permissions';
import { DOCUMENTED_ERRORS as E } from '@photo/shared/http/openapi';
import { MAX_FILES_PER_UPLOAD } from '../routes/images.routes';
import {
  generationRequest,
  IMAGE_CONTENT_TYPES,
  imageListQuery,
  lookRequest,
  urlRequest,
} from '../routes/schemas';
import {
  idempotencyHeader,
  imageBodies,
  imageParams,
  json,
  jsonBodyErrors,
  ok,
  operation,
  uploadErrors,
  uploadLimits,
  visitorParams,
} from './openapi-operation';
import * as views from './response-schemas';

/** Event images, listings, one-time URLs and the colour pipeline's requests. */
export const imagePaths: RouteConfig[] = [
  operation({
    method: 'post',
    path: '/images',
    operationId: 'uploadEventImages',
    tags: ['Images'],
    summary: 'Upload event images (one raw image, or several as multipart/form-data)',
    description: `Each image becomes a new event image, stored by the image server, which starts the colour pipeline.
In a multipart body every file part is one image, whatever its field name (at most ${MAX_FILES_PER_UPLOAD}); images are
stored one after another, so a failure part-way leaves the earlier ones stored. With an \`Idempotency-Key\` the image
ids derive from the key, the uploader and each file's position, so retrying the whole request stores nothing twice.`,
    access: { permission: PERMISSIONS.imagesWrite },
    limited: uploadLimits,
    request: {
      headers: idempotencyHeader,
      body: {
        required: true,
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
    },
    responses: {
      201: ok('At least one image was stored.', views.eventUploadView),
      200: ok(
        'A retry: every image had already been stored under this Idempotency-Key.',
        views.eventUploadView,
      ),
    },
    errors: [
      ...uploadErrors,
      {
        ...E.invalidRequest,
        description: `A bad Idempotency-Key, no file in the form, more than ${MAX_FILES_PER_UPLOAD} files, or an unreadable multipart body; \`details.issues\` says which.`,
      },
    ],
  }),
  operation({
    method: 'get',
    path: '/images',
    operationId: 'listImages',
    tags: ['Images'],
    summary: 'List images, newest first',
    access: { permission: PERMISSIONS.imagesRead },
    request: { query: imageListQuery },
    responses: { 200: ok('A page.', views.imagePageView) },
    errors: [E.invalidRequest, E.invalidCursor],
  }),
  operation({
    method: 'get',
    path: '/images/{imageId}',
    operationId: 'getImage',
    tags: ['Images'],
    summary: 'An image with its palette, every stored variant of every version, and its status history',
    access: { permission: PERMISSIONS.imagesRead },
    request: { params: imageParams },
    responses: { 200: ok('The image.', views.imageDetailView) },
    errors: [E.invalidRequest, E.imageNotFound],
  }),
  operation({
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
    limited: { per: 'by one caller', setting: 'RATE_IMAGE_URLS_PER_MINUTE' },
    request: { params: imageParams, body: { required: false, content: json(urlRequest) } },
    responses: { 201: ok('Issued.', views.imageLinkView) },
    errors: [
      ...jsonBodyErrors,
      {
        ...E.imageNotFound,
        description: 'No such image, no version yet, or (for a participant) not theirs.',
      },
      E.imageVariantNotFound,
      { ...E.dependencyFailed, description: 'The image server failed to issue the link.' },
    ],
  }),
  operation({
    method: 'post',
    path: '/images/{imageId}/generation',
    operationId: 'requestGeneration',
    tags: ['Images'],
    summary: "Ask for a generated artwork of the image's current version",
    description:
      "Uses the image's own palette unless one is named; the image shows `generating` once the generation worker takes the request up. The body is optional.",
    access: { permission: PERMISSIONS.imagesWrite },
    request: { params: imageParams, body: { required: false, content: json(generationRequest) } },
    responses: { 202: ok('Requested.', views.generationView) },
    errors: [
      ...jsonBodyErrors,
      E.imageNotFound,
      {
        ...E.paletteNotFound,
        description: 'The named palette does not exist, or the image is not clustered yet.',
      },
      { ...E.dependencyFailed, description: 'The image server failed or did not answer.' },
    ],
  }),
  operation({
    method: 'post',
    path: '/participants/{visitorId}/looks',
    operationId: 'requestLook',
    tags: ['Images'],
    summary: "Recolour the participant's current photo onto chosen palettes, for them",
    description:
      "Answers the look's image id at once (it derives from the request, so asking twice makes one look); the look appears on the participant's update feed when it is ready.",
    access: { permission: PERMISSIONS.imagesWrite },
    request: { params: visitorParams, body: { required: true, content: json(lookRequest) } },
    responses: { 202: ok('Requested.', views.lookView) },
    errors: [...jsonBodyErrors, E.participantNotFound, E.imageNotReady, E.paletteNotFound],
  }),
];

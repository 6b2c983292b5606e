import type { RouteConfig } from '@asteasolutions/zod-to-openapi';
import { z } from 'zod';
import { PERMISSIONS } from '@photo/shared/domain/permissions';
import { uploadErrors } from '@photo/shared/errors/upload-errors';
import { documented, DOCUMENTED_ERRORS as E } from '@photo/shared/http/openapi';
import { uploadViewSchema } from '@photo/shared/http/upload-views';
import { uploadParams, uploadRequest } from '../uploads/upload-schemas';
import { jsonBodyErrors, ok, operation, uploadLimits } from './openapi-operation';

const UPLOAD_READERS = [PERMISSIONS.imagesRead, PERMISSIONS.photosUpload, PERMISSIONS.imagesWrite];

/** Who may follow an upload: its participant, or a user who may read, shoot or upload images. */
const uploadReaders = {
  participantOrAnyOf: UPLOAD_READERS,
  forbidden: `A user token with none of ${UPLOAD_READERS.map((p) => `\`${p}\``).join(', ')}.`,
};

/** Who may ask for a target: a participant (their own photo), staff (a participant's photo), operators (events). */
const uploaders = {
  participantOrAnyOf: [PERMISSIONS.photosUpload, PERMISSIONS.imagesWrite],
  forbidden: `A participant naming someone else's \`visitorId\` or asking for an event image; a user without \`${PERMISSIONS.photosUpload}\` (a participant photo) or \`${PERMISSIONS.imagesWrite}\` (an event image); a service token.`,
};

const targetView = z
  .object({
    url: z
      .url()
      .meta({ description: 'PUT the bytes here (a V4 signed Cloud Storage URL, or the image server).' }),
    method: z.literal('PUT'),
    headers: z
      .record(z.string(), z.string())
      .meta({ description: 'Send exactly these headers: they are signed.' }),
    expiresAt: z.iso
      .datetime()
      .meta({ description: 'Sized to the upload: base + size / a slow link rate, capped.' }),
  })
  .meta({ id: 'UploadTarget' });

const requestedView = z
  .object({
    upload: uploadViewSchema,
    target: targetView,
    callbackSecret: z.string().nullable().meta({
      description: 'Verifies X-Upload-Signature on the webhook (t=…,v1=HMAC-SHA256 of "t.body"). Shown once.',
    }),
  })
  .meta({ id: 'RequestedUpload' });

const notFound = documented(
  uploadErrors.notFound('{intentId}'),
  'No such upload, or not one this caller may see.',
);

/** Direct uploads: a signed target, then the upload's progress by polling, on a stream, or by webhook. */
export const uploadPaths: RouteConfig[] = [
  operation({
    method: 'post',
    path: '/uploads',
    operationId: 'requestUpload',
    tags: ['Uploads'],
    summary: 'Ask for a signed upload target',
    description: `The declared type, size and (optionally) SHA-256 are checked against the rules and bound to the
target: PUT exactly \`size\` bytes of exactly \`contentType\` to \`uploads/{intentId}\`, once, before \`expiresAt\`. The
upload pipeline then verifies, describes and resizes it (256/1024/2048 px, JPEG/WebP/AVIF, no GPS or other EXIF)
and stores it as a new version of the image. Participants upload their own photo; staff a participant's photo with
\`${PERMISSIONS.photosUpload}\`; operators event images with \`${PERMISSIONS.imagesWrite}\`.`,
    access: uploaders,
    limited: uploadLimits,
    request: { body: { required: true, content: { 'application/json': { schema: uploadRequest } } } },
    responses: { 201: ok('The intent (pending) and its target.', requestedView) },
    errors: [
      ...jsonBodyErrors,
      documented(uploadErrors.typeNotAllowed('{type}', [])),
      documented(uploadErrors.tooLarge(0, 0), 'The declared size is over UPLOAD_MAX_BYTES.'),
      documented(
        uploadErrors.quotaExceeded({ pending: 0, maxPending: 0, bytes: 0, maxBytes: 0 }),
        'The caller has UPLOAD_MAX_PENDING uploads pending, or declared UPLOAD_MAX_BYTES_PER_HOUR this hour.',
      ),
      documented(uploadErrors.callbackRefused('{reason}')),
      E.participantNotFound,
      {
        ...E.versionConflict,
        description: 'A participant photo: expectedVersion is not the current version.',
      },
      { ...E.dependencyFailed, description: 'The image server did not sign the target.' },
    ],
  }),
  operation({
    method: 'get',
    path: '/uploads/{intentId}',
    operationId: 'getUpload',
    tags: ['Uploads'],
    summary: "An upload's status, steps, metadata and derivatives",
    description:
      'pending → uploaded → processing → ready, or rejected / failed (with `reason`) / expired. Send the ETag back as If-None-Match: 304 until something changes. A derivative is fetched with POST /images/{imageId}/url and its `variant`.',
    access: uploadReaders,
    request: { params: uploadParams, headers: z.object({ 'If-None-Match': z.string().optional() }) },
    responses: {
      200: ok('The upload.', uploadViewSchema),
      304: { description: 'Unchanged since the ETag sent.' },
    },
    errors: [E.invalidRequest, notFound],
  }),
  operation({
    method: 'get',
    path: '/uploads/{intentId}/events',
    operationId: 'streamUpload',
    tags: ['Uploads'],
    summary: "An upload's changes as Server-Sent Events",
    description:
      'Every change of the upload as `event: upload` with the Upload (its revision as the event id; a reconnection with `Last-Event-ID` gets only later revisions); the stream ends once the upload is final and its webhook, if any, settled. Participants also get `event: upload` on /me/updates/stream.',
    access: uploadReaders,
    request: {
      params: uploadParams,
      headers: z.object({
        'Last-Event-ID': z
          .string()
          .optional()
          .meta({ description: 'Sent by SSE clients on reconnection: the last revision received.' }),
      }),
    },
    responses: {
      200: {
        description: 'An event stream that ends with the final status.',
        content: { 'text/event-stream': { schema: { type: 'string' } } },
      },
    },
    errors: [E.invalidRequest, notFound],
  }),
];

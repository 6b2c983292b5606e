import type { Router } from 'express';
import { z } from 'zod';
import { PERMISSIONS } from '@photo/shared/domain/permissions';
import { isTerminal } from '@photo/shared/domain/upload';
import { errors } from '@photo/shared/errors/errors';
import { uploadErrors } from '@photo/shared/errors/upload-errors';
import { toUploadView, uploadViewSchema } from '@photo/shared/http/upload-views';
import type { Authenticator } from '../auth/authenticator';
import { backendRouter, defineRoute, eventStream, noCache } from '../http/route';
import { openSse, type StreamDeps } from '../live/sse';
import type { RecordAction } from '../routes/audit';
import type { Limits } from '../rate-limits';
import { readUpload, UPLOAD_READERS, uploadEtag } from './read-upload';
import { requestUpload, type RequestUploadDeps } from './request-upload';
import { uploadParams, uploadRequest } from './upload-schemas';

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

const TAGS = ['Uploads'];
const notFound = [uploadErrors.notFound, 'No such upload, or not one this caller may see.'] as const;

const requestUploadRoute = defineRoute({
  method: 'post',
  path: '/uploads',
  operationId: 'requestUpload',
  tags: TAGS,
  summary: 'Ask for a signed upload target',
  description: `The declared type, size and (optionally) SHA-256 are checked against the rules and bound to the
target: PUT exactly \`size\` bytes of exactly \`contentType\` to \`uploads/{intentId}\`, once, before \`expiresAt\`. The
upload pipeline then verifies, describes and resizes it (256/1024/2048 px, JPEG/WebP/AVIF, no GPS or other EXIF)
and stores it as a new version of the image. Participants upload their own photo; staff a participant's photo with
\`${PERMISSIONS.photosUpload}\`; operators event images with \`${PERMISSIONS.imagesWrite}\`.`,
  access: uploaders,
  limited: ['uploadsPerAddress', 'uploads'],
  request: { body: uploadRequest },
  responses: { 201: { description: 'The intent (pending) and its target.', body: requestedView } },
  errors: [
    uploadErrors.typeNotAllowed,
    [uploadErrors.tooLarge, 'The declared size is over UPLOAD_MAX_BYTES.'],
    [
      uploadErrors.quotaExceeded,
      'The caller has UPLOAD_MAX_PENDING uploads pending, or declared UPLOAD_MAX_BYTES_PER_HOUR this hour.',
    ],
    uploadErrors.callbackRefused,
    errors.participantNotFound,
    [errors.versionConflict, 'A participant photo: expectedVersion is not the current version.'],
    [errors.dependencyFailed, 'The image server did not sign the target.'],
  ],
});

const getUpload = defineRoute({
  method: 'get',
  path: '/uploads/{intentId}',
  operationId: 'getUpload',
  tags: TAGS,
  summary: "An upload's status, steps, metadata and derivatives",
  description:
    'pending → uploaded → processing → ready, or rejected / failed (with `reason`) / expired. Send the ETag back as If-None-Match: 304 until something changes. A derivative is fetched with POST /images/{imageId}/url and its `variant`.',
  access: uploadReaders,
  request: { params: uploadParams, headers: z.object({ 'If-None-Match': z.string().optional() }) },
  responses: {
    200: { description: 'The upload.', body: uploadViewSchema },
    304: { description: 'Unchanged since the ETag sent.' },
  },
  errors: [notFound],
});

const streamUpload = defineRoute({
  method: 'get',
  path: '/uploads/{intentId}/events',
  operationId: 'streamUpload',
  tags: TAGS,
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
    200: eventStream('An event stream that ends with the final status.'),
  },
  errors: [notFound],
});

export const uploadContracts = [requestUploadRoute, getUpload, streamUpload];
export interface UploadRouteDeps extends RequestUploadDeps, StreamDeps {
  auth: Authenticator;
  limits: Limits;
  record: RecordAction;
}

/** Direct uploads: ask for a signed target, then follow the upload by polling (ETag) or on a stream. */
export function uploadRoutes(deps: UploadRouteDeps): Router {
  return backendRouter(deps, (route) => {
    route(requestUploadRoute, async ({ caller, body, res }) => {
      const { intent, target, callbackSecret } = await requestUpload(deps, caller, body);
      await deps.record(res, 'upload.requested', intent.intentId, {
        purpose: intent.purpose,
        imageId: intent.imageId,
      });
      return {
        status: 201,
        headers: {
          'Cache-Control': 'no-store',
          ETag: uploadEtag(intent),
          Location: `/uploads/${intent.intentId}`,
        },
        body: {
          upload: toUploadView(intent),
          target: { ...target, expiresAt: target.expiresAt.toISOString() },
          callbackSecret,
        },
      };
    });

    route(getUpload, async ({ caller, params, headers }) => {
      const intent = await readUpload(deps, caller, params.intentId);
      const etag = uploadEtag(intent);
      const cache = { ETag: etag, ...noCache };
      if (headers['If-None-Match'] === etag) return { status: 304, headers: cache };
      return { status: 200, body: toUploadView(intent), headers: cache };
    });

    /**
     * Every change of one upload as `event: upload`, its revision as the event id (a reconnect with Last-Event-ID gets
     * only later revisions); the stream ends after the upload's final status.
     */
    route(streamUpload, async ({ caller, params: { intentId }, headers, req, res }) => {
      await readUpload(deps, caller, intentId);
      let sentRevision = Number(headers['Last-Event-ID']) || 0;
      await openSse(req, res, {
        ...deps,
        key: intentId,
        rounds: {
          upload: async (write, end) => {
            const intent = await deps.uploads.get(intentId);
            if (!intent) return;
            if (intent.revision > sentRevision) {
              sentRevision = intent.revision;
              write({ event: 'upload', id: String(intent.revision), data: toUploadView(intent) });
            }
            if (isTerminal(intent.status) && intent.callback.state !== 'pending') end();
          },
        },
      });
    });
  });
}

import { PERMISSIONS } from '@photo/shared/domain/permissions';
import { errors } from '@photo/shared/errors/errors';
import type { ImageServerClient } from '@photo/shared/ports/image-server-client.port';
import { checkInView, uploadedVersionView } from '../http/response-schemas';
import { defineRoute, type Route } from '../http/route';
import { checkIn } from '../use-cases/check-in';
import type { ParticipantDeps } from '../use-cases/participants';
import { uploadPhoto } from '../use-cases/upload-photo';
import type { RecordAction } from './audit';
import {
  checkInRequest,
  idempotencyHeader,
  IMAGE_CONTENT_TYPES,
  imageBodies,
  imageUploadErrors,
  photoQuery,
  visitorParams,
} from './schemas';
import { toDetailView, toUploadedVersionView } from './views';

const TAGS = ['Check-in'];

const checkInRoute = defineRoute({
  method: 'post',
  path: '/checkin',
  operationId: 'checkIn',
  tags: TAGS,
  summary: 'Staff scanned a QR code: who is it, and have they been photographed?',
  description:
    'When the participant has a photo, `photo` is a one-time URL of its original so staff can confirm the face, and `status.photoVersion` is the version to confirm when re-shooting.',
  access: { permission: PERMISSIONS.checkIn },
  limited: ['checkIn'],
  request: { body: checkInRequest },
  responses: { 200: { description: 'The participant.', body: checkInView } },
  errors: [
    errors.invalidQrCode,
    errors.qrExpired,
    errors.participantNotFound,
    [errors.dependencyFailed, 'The image server failed to issue the photo link.'],
  ],
});

const uploadParticipantPhoto = defineRoute({
  method: 'put',
  path: '/participants/{visitorId}/photo',
  operationId: 'uploadParticipantPhoto',
  tags: TAGS,
  summary: "Upload the participant's photo as its next version",
  description: `The body is the raw image (streamed, never buffered whole). Overwriting needs the current version
confirmed as \`expectedVersion\` (none: there must be no photo yet); a stale or missing confirmation is 409 naming the
current version, and the image server's compare-and-swap guarantees it under races. A retry with the same
\`Idempotency-Key\` answers the version the first attempt stored (200, \`created: false\`) instead of a second one.
The image server accepts JPEG, PNG and WebP by default (ALLOWED_TYPES), whatever the Content-Type says.`,
  access: { permission: PERMISSIONS.photosUpload },
  limited: ['uploadsPerAddress', 'uploads'],
  request: { params: visitorParams, query: photoQuery, headers: idempotencyHeader, content: imageBodies },
  responses: {
    201: { description: 'Stored as a new version.', body: uploadedVersionView },
    200: {
      description: 'A retry: the version this Idempotency-Key already stored.',
      body: uploadedVersionView,
    },
  },
  errors: [...imageUploadErrors, errors.participantNotFound, errors.versionConflict],
});

export const checkInContracts = [checkInRoute, uploadParticipantPhoto];

/** Staff: check-in by QR code, and the participant's photo (mounted with the participants' routes). */
export function mountCheckIn(
  route: Route,
  deps: ParticipantDeps & { imageServer: ImageServerClient; record: RecordAction },
): void {
  route(checkInRoute, async ({ body }) => {
    const result = await checkIn(deps, body.qr);
    const view = { ...toDetailView(result.participant, result.status), photo: result.photoLink };
    return { status: 200, body: view };
  });

  route(uploadParticipantPhoto, async ({ params: { visitorId }, query, headers, req, res }) => {
    const contentType = req.is(IMAGE_CONTENT_TYPES);
    if (!contentType) throw errors.unsupportedMediaType(IMAGE_CONTENT_TYPES);
    const uploaded = await uploadPhoto(deps, {
      visitorId,
      expectedVersion: query.expectedVersion ?? null,
      idempotencyKey: headers['Idempotency-Key'] ?? null,
      contentType,
      body: req,
    });
    // A retry that stored nothing new changed nothing: only a stored version is recorded.
    if (uploaded.created) {
      const action = uploaded.version > 1 ? 'participant-photo.overwritten' : 'participant-photo.uploaded';
      await deps.record(res, action, visitorId, { imageId: uploaded.imageId, version: uploaded.version });
    }
    const body = toUploadedVersionView(uploaded);
    return uploaded.created ? { status: 201, body } : { status: 200, body };
  });
}

import type { RouteConfig } from '@asteasolutions/zod-to-openapi';
import { PERMISSIONS } from '@photo/shared/domain/permissions';
import { DOCUMENTED_ERRORS as E } from '@photo/shared/http/openapi';
import {
  checkInRequest,
  MAX_IMPORT_ROWS,
  participantImport,
  participantInput,
  participantListQuery,
  photoQuery,
  selfRegistration,
} from '../routes/schemas';
import {
  idempotencyHeader,
  imageBodies,
  json,
  jsonBodyErrors,
  ok,
  operation,
  uploadErrors,
  uploadLimits,
  visitorParams,
} from './openapi-operation';
import { CSV_COLUMNS } from '../routes/participant-import';
import { SCAN_BUDGET } from '../use-cases/list-participants';
import * as views from './response-schemas';

// Named request bodies: the very schemas the routes parse with, given a component name.
const ParticipantInput = participantInput.meta({ id: 'ParticipantInput' });
const SelfRegistration = selfRegistration.meta({ id: 'SelfRegistration' });
const ParticipantImport = participantImport.meta({ id: 'ParticipantImport' });

/** Participants, check-in and the staff photo upload. */
export const participantPaths: RouteConfig[] = [
  operation({
    method: 'post',
    path: '/participants',
    operationId: 'createParticipant',
    tags: ['Participants'],
    summary: 'Create a participant',
    description: 'Answers the participant token once (only its hash is kept) and a signed QR payload.',
    access: { permission: PERMISSIONS.participantsWrite },
    request: { body: { required: true, content: json(ParticipantInput) } },
    responses: { 201: ok('Created.', views.createdParticipantView) },
    errors: [...jsonBodyErrors, E.participantExists],
  }),
  operation({
    method: 'post',
    path: '/participants/import',
    operationId: 'importParticipants',
    tags: ['Participants'],
    summary: 'Import participants (JSON or CSV)',
    description: `All rows or none: every row is checked first, and one bad row rejects the import naming each bad
row. A row whose \`externalRef\` already exists is not created again but answered under \`existing\`, so an import can
be re-run safely. CSV has a header row naming its columns, of \`${CSV_COLUMNS.join(',')}\`; like an unknown field of
a JSON row, an unknown column rejects the import. The body, JSON or CSV, may be up to 5 MB; at most ${MAX_IMPORT_ROWS}
rows.`,
    access: { permission: PERMISSIONS.participantsWrite },
    request: {
      body: {
        required: true,
        content: {
          'application/json': { schema: ParticipantImport },
          'text/csv': { schema: { type: 'string', contentMediaType: 'text/csv' } },
        },
      },
    },
    responses: {
      201: ok('Imported: at least one participant was created.', views.importResultView),
      200: ok(
        'A re-run: every row already existed, nothing was created (`created` is empty).',
        views.importResultView,
      ),
    },
    errors: [
      E.malformedJson,
      E.importInvalid,
      { ...E.emptyBody, description: 'An empty CSV body.' },
      { ...E.payloadTooLarge, description: 'A body (JSON or CSV) over 5 MB.' },
      E.unsupportedMediaType,
    ],
  }),
  operation({
    method: 'post',
    path: '/participants/import/preview',
    operationId: 'previewParticipantImport',
    tags: ['Participants'],
    summary: 'Check an import without storing anything',
    description: `The same body and the same checks as \`POST /participants/import\`: 400 IMPORT.INVALID names each
bad row, otherwise every row comes back as the import would store it. Nothing is stored.`,
    access: { permission: PERMISSIONS.participantsWrite },
    request: {
      body: {
        required: true,
        content: {
          'application/json': { schema: ParticipantImport },
          'text/csv': { schema: { type: 'string', contentMediaType: 'text/csv' } },
        },
      },
    },
    responses: { 200: ok('Every row is valid.', views.importPreviewView) },
    errors: [
      E.malformedJson,
      E.importInvalid,
      { ...E.emptyBody, description: 'An empty CSV body.' },
      { ...E.payloadTooLarge, description: 'A body (JSON or CSV) over 5 MB.' },
      E.unsupportedMediaType,
    ],
  }),
  operation({
    method: 'post',
    path: '/participants/register',
    operationId: 'registerParticipant',
    tags: ['Participants'],
    summary: 'Self-registration from the participant app',
    description: `Off unless the event turns it on (SELF_REGISTRATION): while off, 403 \`REGISTRATION.CLOSED\`. Counted per calling address: a venue's phones may share one
NAT address, so the limit is sized for a whole entrance (RATE_REGISTER_PER_MINUTE).`,
    access: 'public',
    limited: { per: 'from one address', setting: 'RATE_REGISTER_PER_MINUTE' },
    request: { body: { required: true, content: json(SelfRegistration) } },
    responses: { 201: ok('Registered.', views.createdParticipantView) },
    errors: [...jsonBodyErrors, E.registrationClosed],
  }),
  operation({
    method: 'get',
    path: '/participants',
    operationId: 'listParticipants',
    tags: ['Participants'],
    summary: 'List participants with their photo status and QR payload; search, filter, order',
    description: `Newest first by default. \`q\` and \`photographed\` filter while paging: a page that read
${SCAN_BUDGET} participants without filling up comes back shorter, with a \`next\` cursor to ask on.`,
    access: { permission: PERMISSIONS.participantsRead },
    request: { query: participantListQuery },
    responses: { 200: ok('A page.', views.participantPageView) },
    errors: [E.invalidRequest, E.invalidCursor],
  }),
  operation({
    method: 'get',
    path: '/participants/{visitorId}',
    operationId: 'getParticipant',
    tags: ['Participants'],
    summary: 'A participant and their photo status',
    access: { permission: PERMISSIONS.participantsRead },
    request: { params: visitorParams },
    responses: { 200: ok('The participant.', views.participantDetailView) },
    errors: [E.invalidRequest, E.participantNotFound],
  }),
  operation({
    method: 'get',
    path: '/participants/{visitorId}/qr',
    operationId: 'getParticipantQr',
    tags: ['Participants'],
    summary: 'A fresh QR payload (a reprint, or one past its expiry)',
    access: { permission: PERMISSIONS.participantsRead },
    request: { params: visitorParams },
    responses: { 200: ok('The payload.', views.qrView) },
    errors: [E.invalidRequest, E.participantNotFound],
  }),
  operation({
    method: 'post',
    path: '/checkin',
    operationId: 'checkIn',
    tags: ['Check-in'],
    summary: 'Staff scanned a QR code: who is it, and have they been photographed?',
    description:
      'When the participant has a photo, `photo` is a one-time URL of its original so staff can confirm the face, and `status.photoVersion` is the version to confirm when re-shooting.',
    access: { permission: PERMISSIONS.checkIn },
    limited: { per: 'by one staff member', setting: 'RATE_CHECKIN_PER_MINUTE' },
    request: { body: { required: true, content: json(checkInRequest) } },
    responses: { 200: ok('The participant.', views.checkInView) },
    errors: [
      ...jsonBodyErrors,
      E.invalidQrCode,
      E.qrExpired,
      E.participantNotFound,
      { ...E.dependencyFailed, description: 'The image server failed to issue the photo link.' },
    ],
  }),
  operation({
    method: 'put',
    path: '/participants/{visitorId}/photo',
    operationId: 'uploadParticipantPhoto',
    tags: ['Check-in'],
    summary: "Upload the participant's photo as its next version",
    description: `The body is the raw image (streamed, never buffered whole). Overwriting needs the current version
confirmed as \`expectedVersion\` (none: there must be no photo yet); a stale or missing confirmation is 409 naming the
current version, and the image server's compare-and-swap guarantees it under races. A retry with the same
\`Idempotency-Key\` answers the version the first attempt stored (200, \`created: false\`) instead of a second one.
The image server accepts JPEG, PNG and WebP by default (ALLOWED_TYPES), whatever the Content-Type says.`,
    access: { permission: PERMISSIONS.photosUpload },
    limited: uploadLimits,
    request: {
      params: visitorParams,
      query: photoQuery,
      headers: idempotencyHeader,
      body: { required: true, content: imageBodies },
    },
    responses: {
      201: ok('Stored as a new version.', views.uploadedVersionView),
      200: ok('A retry: the version this Idempotency-Key already stored.', views.uploadedVersionView),
    },
    errors: [...uploadErrors, E.participantNotFound, E.versionConflict],
  }),
];

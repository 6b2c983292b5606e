import express, { type RequestHandler, type Router } from 'express';
import { PERMISSIONS } from '@photo/shared/domain/permissions';
import { errors } from '@photo/shared/errors/errors';
import type { ImageServerClient } from '@photo/shared/ports/image-server-client.port';
import type { Authenticator } from '../auth/authenticator';
import {
  createdParticipantView,
  importPreviewView,
  importResultView,
  participantDetailView,
  participantPageView,
  qrView,
  type CreatedParticipantView,
} from '../http/response-schemas';
import { backendRouter, defineRoute } from '../http/route';
import {
  createParticipants,
  getParticipant,
  participantStatus,
  qrFor,
  type CreatedParticipant,
  type ParticipantDeps,
} from '../use-cases/participants';
import { listParticipants, SCAN_BUDGET } from '../use-cases/list-participants';
import type { RecordAction } from './audit';
import { mountCheckIn } from './checkin.routes';
import type { Limits } from '../rate-limits';
import { CSV_COLUMNS, readImport } from './participant-import';
import {
  IMPORT_BODY_LIMIT,
  MAX_IMPORT_ROWS,
  participantImport,
  participantInput,
  participantListQuery,
  selfRegistration,
  visitorParams,
} from './schemas';
import { toDetailView, toParticipantView, toQrView, toStatusView } from './views';

const TAGS = ['Participants'];
const writer = { permission: PERMISSIONS.participantsWrite };
const reader = { permission: PERMISSIONS.participantsRead };

const createParticipant = defineRoute({
  method: 'post',
  path: '/participants',
  operationId: 'createParticipant',
  tags: TAGS,
  summary: 'Create a participant',
  description: 'Answers the participant token once (only its hash is kept) and a signed QR payload.',
  access: writer,
  request: { body: participantInput.meta({ id: 'ParticipantInput' }) },
  responses: { 201: { description: 'Created.', body: createdParticipantView } },
  errors: [errors.participantExists],
});

/** JSON or CSV, read by `readImport` (which answers IMPORT.INVALID naming each bad row). */
const importRequest = {
  content: {
    'application/json': { schema: participantImport.meta({ id: 'ParticipantImport' }) },
    'text/csv': { schema: { type: 'string', contentMediaType: 'text/csv' } },
  },
} as const;
const importErrors = [
  errors.malformedJson,
  errors.importInvalid,
  [errors.emptyBody, 'An empty CSV body.'],
  [errors.payloadTooLarge, 'A body (JSON or CSV) over 5 MB.'],
  errors.unsupportedMediaType,
] as const;

const importParticipants = defineRoute({
  method: 'post',
  path: '/participants/import',
  operationId: 'importParticipants',
  tags: TAGS,
  summary: 'Import participants (JSON or CSV)',
  description: `All rows or none: every row is checked first, and one bad row rejects the import naming each bad
row. A row whose \`externalRef\` already exists is not created again but answered under \`existing\`, so an import can
be re-run safely. CSV has a header row naming its columns, of \`${CSV_COLUMNS.join(',')}\`; like an unknown field of
a JSON row, an unknown column rejects the import. The body, JSON or CSV, may be up to 5 MB; at most ${MAX_IMPORT_ROWS}
rows.`,
  access: writer,
  request: importRequest,
  responses: {
    201: { description: 'Imported: at least one participant was created.', body: importResultView },
    200: {
      description: 'A re-run: every row already existed, nothing was created (`created` is empty).',
      body: importResultView,
    },
  },
  errors: importErrors,
});

const previewParticipantImport = defineRoute({
  method: 'post',
  path: '/participants/import/preview',
  operationId: 'previewParticipantImport',
  tags: TAGS,
  summary: 'Check an import without storing anything',
  description: `The same body and the same checks as \`POST /participants/import\`: 400 IMPORT.INVALID names each
bad row, otherwise every row comes back as the import would store it. Nothing is stored.`,
  access: writer,
  request: importRequest,
  responses: { 200: { description: 'Every row is valid.', body: importPreviewView } },
  errors: importErrors,
});

const registerParticipant = defineRoute({
  method: 'post',
  path: '/participants/register',
  operationId: 'registerParticipant',
  tags: TAGS,
  summary: 'Self-registration from the participant app',
  description: `Off unless the event turns it on (SELF_REGISTRATION): while off, 403 \`REGISTRATION.CLOSED\`. Counted per calling address: a venue's phones may share one
NAT address, so the limit is sized for a whole entrance (RATE_REGISTER_PER_MINUTE).`,
  access: 'public',
  limited: ['register'],
  request: { body: selfRegistration.meta({ id: 'SelfRegistration' }) },
  responses: { 201: { description: 'Registered.', body: createdParticipantView } },
  errors: [errors.registrationClosed],
});

const listParticipantsRoute = defineRoute({
  method: 'get',
  path: '/participants',
  operationId: 'listParticipants',
  tags: TAGS,
  summary: 'List participants with their photo status and QR payload; search, filter, order',
  description: `Newest first by default. \`q\` and \`photographed\` filter while paging: a page that read
${SCAN_BUDGET} participants without filling up comes back shorter, with a \`next\` cursor to ask on.`,
  access: reader,
  request: { query: participantListQuery },
  responses: { 200: { description: 'A page.', body: participantPageView } },
  errors: [errors.invalidCursor],
});

const getParticipantRoute = defineRoute({
  method: 'get',
  path: '/participants/{visitorId}',
  operationId: 'getParticipant',
  tags: TAGS,
  summary: 'A participant and their photo status',
  access: reader,
  request: { params: visitorParams },
  responses: { 200: { description: 'The participant.', body: participantDetailView } },
  errors: [errors.participantNotFound],
});

const getParticipantQr = defineRoute({
  method: 'get',
  path: '/participants/{visitorId}/qr',
  operationId: 'getParticipantQr',
  tags: TAGS,
  summary: 'A fresh QR payload (a reprint, or one past its expiry)',
  access: reader,
  request: { params: visitorParams },
  responses: { 200: { description: 'The payload.', body: qrView } },
  errors: [errors.participantNotFound],
});

export const participantContracts = [
  createParticipant,
  importParticipants,
  previewParticipantImport,
  registerParticipant,
  listParticipantsRoute,
  getParticipantRoute,
  getParticipantQr,
];

export interface ParticipantRouteDeps extends ParticipantDeps {
  auth: Authenticator;
  imageServer: ImageServerClient;
  selfRegistration: boolean;
  limits: Limits;
  record: RecordAction;
}

const createdView = (c: CreatedParticipant): CreatedParticipantView => ({
  participant: toParticipantView(c.participant),
  participantToken: c.participantToken,
  qrPayload: c.qrPayload,
});

/** Participants: creation (one, import, self-registration), listing, staff check-in and photo upload. */
export function participantRoutes(deps: ParticipantRouteDeps): Router {
  return backendRouter(deps, (route) => {
    const csv = { before: [express.text({ type: 'text/csv', limit: IMPORT_BODY_LIMIT })] };

    route(createParticipant, async ({ body, res }) => {
      const [created] = (await createParticipants(deps, [body], 'operator')).created;
      if (!created) throw errors.participantExists(body.externalRef ?? '');
      await deps.record(res, 'participant.created', created.participant.visitorId);
      return { status: 201, body: createdView(created) };
    });

    route(
      importParticipants,
      async ({ req, res }) => {
        const result = await createParticipants(deps, readImport(req), 'import');
        await deps.record(res, 'participants.imported', null, {
          created: result.created.length,
          existing: result.existing.length,
        });
        const body = {
          created: result.created.map(createdView),
          existing: result.existing.map((e) => ({
            participant: toParticipantView(e.participant),
            qrPayload: e.qrPayload,
          })),
        };
        return result.created.length > 0 ? { status: 201, body } : { status: 200, body };
      },
      csv,
    );

    route(
      previewParticipantImport,
      ({ req }) => {
        const rows = readImport(req).map((r) => ({
          displayName: r.displayName,
          email: r.email ?? null,
          externalRef: r.externalRef ?? null,
        }));
        return Promise.resolve({ status: 200, body: { rows } });
      },
      csv,
    );

    // Closed is answered before the body is read: a closed registration says so whatever was sent.
    const open: RequestHandler = (_req, _res, next) =>
      next(deps.selfRegistration ? undefined : errors.registrationClosed());
    route(
      registerParticipant,
      async ({ body }) => {
        const result = await createParticipants(deps, [body], 'self');
        return { status: 201, body: createdView(result.created[0]!) };
      },
      { before: [open] },
    );

    route(listParticipantsRoute, async ({ query }) => {
      const page = await listParticipants(deps, { ...query, search: query.q });
      const now = deps.clock.now();
      const items = page.items.map(({ participant, status }) => ({
        ...toParticipantView(participant),
        status: toStatusView(status),
        qrPayload: deps.qr.encode(participant.visitorId, now),
      }));
      return { status: 200, body: { items, next: page.next } };
    });

    route(getParticipantRoute, async ({ params }) => {
      const participant = await getParticipant(deps, params.visitorId);
      return { status: 200, body: toDetailView(participant, await participantStatus(deps, participant)) };
    });

    route(getParticipantQr, async ({ params }) => ({
      status: 200,
      body: toQrView(await qrFor(deps, params.visitorId)),
    }));

    mountCheckIn(route, deps);
  });
}

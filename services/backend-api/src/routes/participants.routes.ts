import express, { Router, type Request, type Response } from 'express';
import { visitorIdSchema } from '@photo/shared/domain/ids';
import { PERMISSIONS } from '@photo/shared/domain/permissions';
import { errors } from '@photo/shared/errors/errors';
import { byAddress, rateLimit } from '@photo/shared/http/rate-limit';
import { jsonBody, parse } from '@photo/shared/http/validate';
import type { ImageServerClient } from '@photo/shared/ports/image-server-client.port';
import type { Authenticator } from '../auth/authenticator';
import type { CreatedParticipantView } from '../http/response-schemas';
import { checkIn } from '../use-cases/check-in';
import {
  createParticipants,
  getParticipant,
  participantStatus,
  qrFor,
  type CreatedParticipant,
  type ParticipantDeps,
} from '../use-cases/participants';
import { listParticipants } from '../use-cases/list-participants';
import { uploadPhoto } from '../use-cases/upload-photo';
import type { RecordAction } from './audit';
import { limitedPerCaller, limitedUpload, type Limits } from './limited';
import { readImport } from './participant-import';
import {
  checkInRequest,
  idempotencyKey,
  IMAGE_CONTENT_TYPES,
  IMPORT_BODY_LIMIT,
  participantInput,
  participantListQuery,
  photoQuery,
  selfRegistration,
} from './schemas';
import { toParticipantView, toQrView, toStatusView } from './views';

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
  const router = Router();
  const { auth, limits } = deps;

  router.post('/participants', async (req, res) => {
    await auth.user(req, res, PERMISSIONS.participantsWrite);
    const input = jsonBody(req, participantInput);
    const result = await createParticipants(deps, [input], 'operator');
    const [created] = result.created;
    if (!created) throw errors.participantExists(input.externalRef ?? '');
    await deps.record(res, 'participant.created', created.participant.visitorId);
    res.status(201).json(createdView(created));
  });

  router.post(
    '/participants/import',
    express.text({ type: 'text/csv', limit: IMPORT_BODY_LIMIT }),
    async (req, res) => {
      await auth.user(req, res, PERMISSIONS.participantsWrite);
      const result = await createParticipants(deps, readImport(req), 'import');
      await deps.record(res, 'participants.imported', null, {
        created: result.created.length,
        existing: result.existing.length,
      });
      res.status(result.created.length > 0 ? 201 : 200).json({
        created: result.created.map(createdView),
        existing: result.existing.map((e) => ({
          participant: toParticipantView(e.participant),
          qrPayload: e.qrPayload,
        })),
      });
    },
  );

  router.post(
    '/participants/import/preview',
    express.text({ type: 'text/csv', limit: IMPORT_BODY_LIMIT }),
    async (req, res) => {
      await auth.user(req, res, PERMISSIONS.participantsWrite);
      const rows = readImport(req).map((r) => ({
        displayName: r.displayName,
        email: r.email ?? null,
        externalRef: r.externalRef ?? null,
      }));
      res.json({ rows });
    },
  );

  router.post(
    '/participants/register',
    rateLimit(limits, limits.rules.register, byAddress),
    async (req, res) => {
      if (!deps.selfRegistration) throw errors.registrationClosed();
      const input = jsonBody(req, selfRegistration);
      const result = await createParticipants(deps, [input], 'self');
      res.status(201).json(createdView(result.created[0]!));
    },
  );

  router.get('/participants', async (req, res) => {
    await auth.user(req, res, PERMISSIONS.participantsRead);
    const query = parse(participantListQuery, req.query);
    const page = await listParticipants(deps, {
      limit: query.limit,
      after: query.after,
      order: query.order,
      search: query.q,
      photographed: query.photographed,
    });
    const now = deps.clock.now();
    const items = page.items.map(({ participant, status }) => ({
      ...toParticipantView(participant),
      status: toStatusView(status),
      qrPayload: deps.qr.encode(participant.visitorId, now),
    }));
    res.json({ items, next: page.next });
  });

  router.get('/participants/:visitorId', async (req, res) => {
    await auth.user(req, res, PERMISSIONS.participantsRead);
    const participant = await getParticipant(deps, parse(visitorIdSchema, req.params.visitorId));
    res.json({
      participant: toParticipantView(participant),
      status: toStatusView(await participantStatus(deps, participant)),
    });
  });

  router.get('/participants/:visitorId/qr', async (req, res) => {
    await auth.user(req, res, PERMISSIONS.participantsRead);
    res.json(toQrView(await qrFor(deps, parse(visitorIdSchema, req.params.visitorId))));
  });

  const asCheckInStaff = (req: Request, res: Response) => auth.user(req, res, PERMISSIONS.checkIn);
  router.post(
    '/checkin',
    ...limitedPerCaller(limits, limits.rules.checkIn, asCheckInStaff),
    async (req, res) => {
      await asCheckInStaff(req, res);
      const { qr } = jsonBody(req, checkInRequest);
      const result = await checkIn(deps, qr);
      res.json({
        participant: toParticipantView(result.participant),
        status: toStatusView(result.status),
        photo: result.photoLink,
      });
    },
  );

  const asPhotographer = (req: Request, res: Response) => auth.user(req, res, PERMISSIONS.photosUpload);
  router.put('/participants/:visitorId/photo', ...limitedUpload(limits, asPhotographer), async (req, res) => {
    await asPhotographer(req, res);
    const visitorId = parse(visitorIdSchema, req.params.visitorId);
    const query = parse(photoQuery, req.query);
    const key = parse(idempotencyKey, req.get('idempotency-key'));
    const contentType = req.is(IMAGE_CONTENT_TYPES);
    if (!contentType) throw errors.unsupportedMediaType(IMAGE_CONTENT_TYPES);
    const uploaded = await uploadPhoto(deps, {
      visitorId,
      expectedVersion: query.expectedVersion ?? null,
      idempotencyKey: key ?? null,
      contentType,
      body: req,
    });
    // A retry that stored nothing new changed nothing: only a stored version is recorded.
    if (uploaded.created) {
      const action = uploaded.version > 1 ? 'participant-photo.overwritten' : 'participant-photo.uploaded';
      await deps.record(res, action, visitorId, { imageId: uploaded.imageId, version: uploaded.version });
    }
    res.status(uploaded.created ? 201 : 200).json(uploaded);
  });

  return router;
}

import { Router } from 'express';
import { visitorIdSchema } from '@photo/shared/domain/ids';
import { PERMISSIONS } from '@photo/shared/domain/permissions';
import { parse } from '@photo/shared/http/validate';
import type { Authenticator } from '../auth/authenticator';
import type { ParticipantTokenView } from '../http/openapi-token-paths';
import type { RecordAction } from './audit';
import {
  revokeParticipantToken,
  rotateParticipantToken,
  type ParticipantTokenDeps,
} from '../use-cases/participant-tokens';

/** Participant tokens: rotated by their participant or an operator, revoked by an operator. */
export function participantTokenRoutes(
  deps: ParticipantTokenDeps & { auth: Authenticator; record: RecordAction },
): Router {
  const router = Router();
  const { auth, record } = deps;

  router.post('/me/token', async (req, res) => {
    const { visitorId } = await auth.participant(req, res);
    const view: ParticipantTokenView = { participantToken: await rotateParticipantToken(deps, visitorId) };
    await record(res, 'participant-token.rotated', visitorId);
    res.set('Cache-Control', 'no-store').json(view);
  });

  router.post('/participants/:visitorId/token', async (req, res) => {
    await auth.user(req, res, PERMISSIONS.participantsWrite);
    const visitorId = parse(visitorIdSchema, req.params.visitorId);
    const view: ParticipantTokenView = { participantToken: await rotateParticipantToken(deps, visitorId) };
    await record(res, 'participant-token.rotated', visitorId);
    res.set('Cache-Control', 'no-store').json(view);
  });

  router.delete('/participants/:visitorId/token', async (req, res) => {
    await auth.user(req, res, PERMISSIONS.participantsWrite);
    const visitorId = parse(visitorIdSchema, req.params.visitorId);
    await revokeParticipantToken(deps, visitorId);
    await record(res, 'participant-token.revoked', visitorId);
    res.status(204).end();
  });

  return router;
}

import type { Router } from 'express';
import { z } from 'zod';
import { PERMISSIONS } from '@photo/shared/domain/permissions';
import { errors } from '@photo/shared/errors/errors';
import type { Authenticator } from '../auth/authenticator';
import { backendRouter, defineRoute } from '../http/route';
import type { RecordAction } from './audit';
import { visitorParams } from './schemas';
import {
  revokeParticipantToken,
  rotateParticipantToken,
  type ParticipantTokenDeps,
} from '../use-cases/participant-tokens';

/** A participant's new token, as `POST /me/token` and `POST /participants/{visitorId}/token` answer it. */
const participantTokenView = z
  .object({
    participantToken: z
      .string()
      .startsWith('pt_')
      .meta({ description: 'The new bearer token. Shown once: only its hash is stored.' }),
  })
  .meta({ id: 'ParticipantToken' });

const replaced = `The token it replaces answers 401 \`AUTH.TOKEN_ROTATED\` from now on, so the app that held it can say
why it was signed out.`;
const newToken = { 200: { description: 'The new token.', body: participantTokenView } };

const rotateMyToken = defineRoute({
  method: 'post',
  path: '/me/token',
  operationId: 'rotateMyToken',
  tags: ['Participant app'],
  summary: 'Replace my participant token',
  description: `For a participant who fears their token was seen or copied. ${replaced}`,
  access: 'participant',
  responses: newToken,
});

const rotateParticipantTokenRoute = defineRoute({
  method: 'post',
  path: '/participants/{visitorId}/token',
  operationId: 'rotateParticipantToken',
  tags: ['Participants'],
  summary: 'Issue a participant a new token (a lost phone, or one that was revoked)',
  description: `${replaced} The operator hands the new token over (as a join link). Recorded in the audit log.`,
  access: { permission: PERMISSIONS.participantsWrite },
  request: { params: visitorParams },
  responses: newToken,
  errors: [errors.participantNotFound],
});

const revokeParticipantTokenRoute = defineRoute({
  method: 'delete',
  path: '/participants/{visitorId}/token',
  operationId: 'revokeParticipantToken',
  tags: ['Participants'],
  summary: "Withdraw a participant's token",
  description: `The token answers 401 \`AUTH.TOKEN_REVOKED\` from now on, and no token works for the participant
until an operator issues a new one. Recorded in the audit log.`,
  access: { permission: PERMISSIONS.participantsWrite },
  request: { params: visitorParams },
  responses: { 204: { description: 'Revoked.' } },
  errors: [errors.participantNotFound],
});

export const participantTokenContracts = [
  rotateMyToken,
  rotateParticipantTokenRoute,
  revokeParticipantTokenRoute,
];

/** Participant tokens: rotated by their participant or an operator, revoked by an operator. */
export function participantTokenRoutes(
  deps: ParticipantTokenDeps & { auth: Authenticator; record: RecordAction },
): Router {
  return backendRouter(deps, (route) => {
    const rotate = async (visitorId: string, res: Parameters<RecordAction>[0]) => {
      const participantToken = await rotateParticipantToken(deps, visitorId);
      await deps.record(res, 'participant-token.rotated', visitorId);
      return { status: 200 as const, body: { participantToken }, headers: { 'Cache-Control': 'no-store' } };
    };

    route(rotateMyToken, ({ caller, res }) => rotate(caller.visitorId, res));
    route(rotateParticipantTokenRoute, ({ params, res }) => rotate(params.visitorId, res));
    route(revokeParticipantTokenRoute, async ({ params: { visitorId }, res }) => {
      await revokeParticipantToken(deps, visitorId);
      await deps.record(res, 'participant-token.revoked', visitorId);
      return { status: 204 };
    });
  });
}

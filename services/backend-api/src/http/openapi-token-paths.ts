import type { RouteConfig } from '@asteasolutions/zod-to-openapi';
import { z } from 'zod';
import { PERMISSIONS } from '@photo/shared/domain/permissions';
import { DOCUMENTED_ERRORS as E } from '@photo/shared/http/openapi';
import { ok, operation, visitorParams } from './openapi-operation';

/** A participant's new token, as `POST /me/token` and `POST /participants/{visitorId}/token` answer it. */
export const participantTokenView = z
  .object({
    participantToken: z
      .string()
      .startsWith('pt_')
      .meta({ description: 'The new bearer token. Shown once: only its hash is stored.' }),
  })
  .meta({ id: 'ParticipantToken' });
export type ParticipantTokenView = z.infer<typeof participantTokenView>;

const replaced = `The token it replaces answers 401 \`AUTH.TOKEN_ROTATED\` from now on, so the app that held it can say
why it was signed out.`;

/** Rotating and revoking participant tokens. */
export const tokenPaths: RouteConfig[] = [
  operation({
    method: 'post',
    path: '/me/token',
    operationId: 'rotateMyToken',
    tags: ['Participant app'],
    summary: 'Replace my participant token',
    description: `For a participant who fears their token was seen or copied. ${replaced}`,
    access: 'participant',
    responses: { 200: ok('The new token.', participantTokenView) },
    errors: [],
  }),
  operation({
    method: 'post',
    path: '/participants/{visitorId}/token',
    operationId: 'rotateParticipantToken',
    tags: ['Participants'],
    summary: 'Issue a participant a new token (a lost phone, or one that was revoked)',
    description: `${replaced} The operator hands the new token over (as a join link). Recorded in the audit log.`,
    access: { permission: PERMISSIONS.participantsWrite },
    request: { params: visitorParams },
    responses: { 200: ok('The new token.', participantTokenView) },
    errors: [E.invalidRequest, E.participantNotFound],
  }),
  operation({
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
    errors: [E.invalidRequest, E.participantNotFound],
  }),
];

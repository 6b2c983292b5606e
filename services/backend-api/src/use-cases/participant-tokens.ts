import { errors } from '@photo/shared/errors/errors';
import type { Clock } from '@photo/shared/ports/common';
import type { ParticipantRepository } from '@photo/shared/ports/participant-repository.port';
import { randomToken, sha256Hex } from '@photo/shared/security/hashing';
import { PARTICIPANT_TOKEN_PREFIX } from './participants';

export interface ParticipantTokenDeps {
  participants: Pick<ParticipantRepository, 'replaceToken'>;
  clock: Clock;
}

const newToken = () => `${PARTICIPANT_TOKEN_PREFIX}${randomToken(256)}`;

/** A new token for the participant, answered once (only its hash is kept); the one they had answers 401 from now. */
export async function rotateParticipantToken(deps: ParticipantTokenDeps, visitorId: string): Promise<string> {
  const token = newToken();
  const done = await deps.participants.replaceToken(visitorId, sha256Hex(token), 'rotated', deps.clock.now());
  if (!done) throw errors.participantNotFound(visitorId);
  return token;
}

/**
 * Withdraws the participant's token (a lost phone). The hash put in its place is of a token nobody is given, so no
 * token works for them until an operator rotates it and hands the new one over.
 */
export async function revokeParticipantToken(deps: ParticipantTokenDeps, visitorId: string): Promise<void> {
  const hash = sha256Hex(newToken());
  const done = await deps.participants.replaceToken(visitorId, hash, 'revoked', deps.clock.now());
  if (!done) throw errors.participantNotFound(visitorId);
}

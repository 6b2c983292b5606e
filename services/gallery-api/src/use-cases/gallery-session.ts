import { errors } from '@photo/shared/errors/errors';
import type { Clock } from '@photo/shared/ports/common';
import type { GallerySessionRepository } from '@photo/shared/ports/gallery-session-repository.port';
import type { ParticipantRepository } from '@photo/shared/ports/participant-repository.port';
import { randomToken, sha256Hex } from '@photo/shared/security/hashing';

/** Gallery tokens start with this; any other bearer token is tried as a participant token. */
export const GALLERY_TOKEN_PREFIX = 'gt_';

export interface GallerySessionDeps {
  sessions: GallerySessionRepository;
  /** Participant tokens stand for the gallery user their participant made; null where there are no participants. */
  participants: Pick<ParticipantRepository, 'findByTokenHash'> | null;
  clock: Clock;
  config: { sessionTtlSeconds: number };
}

/** Who calls: the gallery user the token stands for (null: a participant who has made none yet). */
export interface GalleryCaller {
  userId: string | null;
  visitorId: string | null;
}

export interface IssuedSession {
  token: string;
  expiresAt: Date;
}

/** The caller a bearer token names; AUTH.UNAUTHENTICATED when it is missing, unknown or expired. */
export async function galleryCaller(deps: GallerySessionDeps, token: string | null): Promise<GalleryCaller> {
  if (!token) throw errors.unauthenticated('This requires the gallery token as Authorization: Bearer.');
  const hash = sha256Hex(token);
  if (token.startsWith(GALLERY_TOKEN_PREFIX)) {
    const session = await deps.sessions.find(hash, deps.clock.now());
    if (!session)
      throw errors.unauthenticated('The gallery token is unknown or has expired: take a selfie again.');
    return { userId: session.userId, visitorId: null };
  }
  const participant = deps.participants ? await deps.participants.findByTokenHash(hash) : null;
  if (!participant)
    throw errors.unauthenticated('The token is neither a gallery token nor a participant token.');
  return {
    userId: await deps.sessions.userOfParticipant(participant.visitorId),
    visitorId: participant.visitorId,
  };
}

/** A caller acts only on its own user: anyone else's id is AUTH.FORBIDDEN, whether or not that user exists. */
export function requireSelf(caller: GalleryCaller, userId: string): void {
  if (caller.userId !== userId) throw errors.forbidden('A gallery token acts only on its own user.');
}

/**
 * A new session for the user (the token is returned once and stored as its hash); a participant who made the user
 * now stands for it as well.
 */
export async function openSession(
  deps: GallerySessionDeps,
  input: { userId: string; visitorId: string | null },
): Promise<IssuedSession> {
  const now = deps.clock.now();
  const token = `${GALLERY_TOKEN_PREFIX}${randomToken()}`;
  const expiresAt = new Date(now.getTime() + deps.config.sessionTtlSeconds * 1000);
  await deps.sessions.create({
    tokenHash: sha256Hex(token),
    userId: input.userId,
    createdAt: now,
    expiresAt,
  });
  if (input.visitorId) await deps.sessions.bindParticipant(input.visitorId, input.userId, now);
  return { token, expiresAt };
}

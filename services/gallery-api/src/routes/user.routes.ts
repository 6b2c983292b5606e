import type { Router } from 'express';
import { newAuditId } from '@photo/shared/domain/ids';
import { errors } from '@photo/shared/errors/errors';
import { requestContext } from '@photo/shared/http/request-context';
import type { AuditLog } from '@photo/shared/ports/audit-log.port';
import type { Clock } from '@photo/shared/ports/common';
import { defineRoute, dependency, noStore, type GalleryRoute } from '../http/route';
import { eraseUser, type EraseUserDeps } from '../use-cases/erase-user';
import { requireSelf } from '../use-cases/gallery-session';
import { erasureView, meView } from './response-schemas';
import { userParams } from './schemas';

const notAUserId = [
  errors.invalidRequest,
  'The id is not a gallery user id (`gu_` and 26 base32 characters); `details.issues` says so.',
] as const;

const getMeRoute = defineRoute({
  method: 'get',
  path: '/me',
  operationId: 'getGalleryMe',
  tags: ['Face gallery'],
  summary: 'The user a token stands for',
  description: `For a gallery token, its user; for a participant token, the user that participant made (null when
none, or after an erasure). A participant's phone that does not know the user id (another phone made it) asks here
before \`DELETE /users/{userId}\`.`,
  access: 'token',
  responses: { 200: { description: 'The user, or null.', body: meView, headers: noStore } },
});

const eraseUserRoute = defineRoute({
  method: 'delete',
  path: '/users/{userId}',
  operationId: 'eraseGalleryUser',
  tags: ['Face gallery'],
  summary: 'Erase a user everywhere',
  description: `Their faces, pending analyses, likes, ownership of catalog images, the recommender's record, then the
user, and every gallery token of theirs. Only the token's own user can be erased; erasing them again with the same
token answers 401, as the token went with them.`,
  access: 'own-user',
  request: { params: userParams },
  responses: {
    204: {
      description: 'Erased.',
      headers: {
        Location: {
          description: 'Where to follow the erasure: `/users/{userId}/erasure`.',
          schema: { type: 'string' },
        },
      },
    },
  },
  errors: [notAUserId, dependency('Rekognition or Personalize')],
});

const getErasureRoute = defineRoute({
  method: 'get',
  path: '/users/{userId}/erasure',
  operationId: 'getGalleryErasure',
  tags: ['Face gallery'],
  summary: "How far a user's erasure has got",
  description: `Whether the user is gone from the store, and how far the recommender has forgotten them: with Amazon
Personalize a data deletion job removes them from the datasets within hours, and this reads its state from
Personalize (so every instance answers the same). It names no personal data, so it needs no token (the user's went
with them); the id is the one erased.`,
  access: 'public',
  limited: 'erasure',
  request: { params: userParams },
  responses: { 200: { description: 'The erasure.', body: erasureView, headers: noStore } },
  errors: [notAUserId, dependency('Personalize')],
});

export const userContracts = [getMeRoute, eraseUserRoute, getErasureRoute];

export interface UserRouteDeps {
  erase: EraseUserDeps;
  audit: AuditLog;
  clock: Clock;
}

/** The user a token stands for, and its erasure. */
export function mountUserRoutes(router: Router, route: GalleryRoute, deps: UserRouteDeps): void {
  // A participant's phone that never saw the user id (another phone made it) can still erase it.
  route(router, getMeRoute, async ({ caller }) => {
    const user = caller.userId ? await deps.erase.users.get(caller.userId) : null;
    const now = deps.clock.now();
    const faceExpiresAt =
      user?.faceExpiresAt && user.faceExpiresAt.getTime() > now.getTime() ? user.faceExpiresAt : null;
    const body = { userId: user?.userId ?? null, faceExpiresAt: faceExpiresAt?.toISOString() ?? null };
    return { status: 200, body, headers: { 'Cache-Control': 'no-store' } };
  });

  route(router, eraseUserRoute, async ({ params: { userId }, caller, res }) => {
    requireSelf(caller, userId);
    await eraseUser(deps.erase, userId);
    await deps.audit.append({
      auditId: newAuditId(),
      at: deps.clock.now(),
      actor: caller.visitorId ? `participant:${caller.visitorId}` : `gallery-user:${userId}`,
      action: 'gallery-user.erased',
      target: userId,
      requestId: requestContext(res).requestId,
      details: {},
    });
    return { status: 204, headers: { Location: `/users/${userId}/erasure` } };
  });

  route(router, getErasureRoute, async ({ params: { userId } }) => {
    const [user, recommender] = await Promise.all([
      deps.erase.users.get(userId),
      deps.erase.recommender.erasure(userId),
    ]);
    const body = { userId, erased: user === null, recommender };
    return { status: 200, body, headers: { 'Cache-Control': 'no-store' } };
  });
}

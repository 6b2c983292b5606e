import { Router } from 'express';
import { newAuditId } from '@photo/shared/domain/ids';
import { errors } from '@photo/shared/errors/errors';
import type { AuditLog } from '@photo/shared/ports/audit-log.port';
import { requestContext } from '@photo/shared/http/request-context';
import { defineRoute, dependency, galleryRouteMounter, type GalleryRouteContext } from '../http/route';
import { eraseUser, type EraseUserDeps } from '../use-cases/erase-user';
import { requireSelf } from '../use-cases/gallery-session';
import { likeItem, type LikeItemDeps } from '../use-cases/like-item';
import { recommendGallery, type RecommendGalleryDeps } from '../use-cases/recommend-gallery';
import { erasureView, galleryView, likeView, meView } from './response-schemas';
import { galleryRequest, likeRequest, userParams } from './schemas';
import { mountSelfieRoutes, selfieContracts, type SelfieRouteDeps } from './selfie.routes';

const recommendGalleryRoute = defineRoute({
  method: 'post',
  path: '/gallery',
  operationId: 'recommendGallery',
  tags: ['Face gallery'],
  summary: 'Recommended catalog images, each with a one-time URL',
  description: `Seeded by \`expression\` (which becomes the user's latest), or the last one seen. Never the user's own
images nor ones they liked. An item whose image is gone is left out, so there may be fewer than \`limit\`. Fetch each
URL once, soon.`,
  access: 'own-user',
  noStore: true,
  request: { body: galleryRequest },
  responses: { 200: { description: 'The recommendations.', body: galleryView } },
  errors: [errors.galleryUserNotFound, dependency('The image server, or Personalize')],
});

const likeItemRoute = defineRoute({
  method: 'post',
  path: '/like',
  operationId: 'likeGalleryItem',
  tags: ['Face gallery'],
  summary: 'Like a catalog item, with the expression the user shows now',
  access: 'own-user',
  limited: 'like',
  request: { body: likeRequest },
  responses: {
    201: { description: 'Liked.', body: likeView },
    200: { description: 'Already liked: nothing changed.', body: likeView },
  },
  errors: [errors.galleryUserNotFound, errors.galleryItemNotFound, dependency('Personalize')],
});

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
  noStore: true,
  responses: { 200: { description: 'The user, or null.', body: meView } },
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
  noStore: true,
  limited: 'erasure',
  request: { params: userParams },
  responses: { 200: { description: 'The erasure.', body: erasureView } },
  errors: [notAUserId, dependency('Personalize')],
});

/** Every route of the gallery's own: the OpenAPI document is generated from these. */
export const galleryContracts = [
  ...selfieContracts,
  recommendGalleryRoute,
  likeItemRoute,
  getMeRoute,
  eraseUserRoute,
  getErasureRoute,
];

export type GalleryRouteDeps = SelfieRouteDeps &
  RecommendGalleryDeps &
  LikeItemDeps &
  EraseUserDeps &
  GalleryRouteContext & {
    /** Erasures are recorded here (who, which user, when, the request id), beside the backend's actions. */
    audit: AuditLog;
    config: { defaultItems: number };
  };

/**
 * The face gallery's public routes. /emotion (for a recognised face) and /createUser hand out a gallery token; the
 * routes that read or change a user take that token (or the participant token of the participant who made the user)
 * and act only on its own user.
 */
export function galleryRoutes(deps: GalleryRouteDeps): Router {
  const router = Router();
  const route = galleryRouteMounter(deps);
  mountSelfieRoutes(router, route, deps);

  route(router, recommendGalleryRoute, async ({ body, caller }) => {
    requireSelf(caller, body.userId);
    const result = await recommendGallery(deps, {
      userId: body.userId,
      expression: body.expression ?? null,
      limit: body.limit ?? deps.config.defaultItems,
    });
    return { status: 200, body: result };
  });

  route(router, likeItemRoute, async ({ body, caller }) => {
    requireSelf(caller, body.userId);
    const { created } = await likeItem(deps, body);
    return { status: created ? 201 : 200, body: { userId: body.userId, itemId: body.itemId, created } };
  });

  // A participant's phone that never saw the user id (another phone made it) can still erase it.
  route(router, getMeRoute, async ({ caller }) => {
    const user = caller.userId ? await deps.users.get(caller.userId) : null;
    const now = deps.clock.now();
    const faceExpiresAt =
      user?.faceExpiresAt && user.faceExpiresAt.getTime() > now.getTime() ? user.faceExpiresAt : null;
    const body = { userId: user?.userId ?? null, faceExpiresAt: faceExpiresAt?.toISOString() ?? null };
    return { status: 200, body };
  });

  route(router, eraseUserRoute, async ({ params: { userId }, caller, res }) => {
    requireSelf(caller, userId);
    await eraseUser(deps, userId);
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
    const [user, recommender] = await Promise.all([deps.users.get(userId), deps.recommender.erasure(userId)]);
    const body = { userId, erased: user === null, recommender };
    return { status: 200, body };
  });

  return router;
}

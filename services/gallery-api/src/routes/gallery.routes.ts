import { Router } from 'express';
import { errors } from '@photo/shared/errors/errors';
import type { Clock } from '@photo/shared/ports/common';
import type { RateLimiter } from '@photo/shared/ports/rate-limiter.port';
import type { AuditLog } from '@photo/shared/ports/audit-log.port';
import type { GalleryConfig } from '../config';
import { defineRoute, dependency, galleryRouteMounter, noStore } from '../http/route';
import type { EraseUserDeps } from '../use-cases/erase-user';
import { requireSelf, type GallerySessionDeps } from '../use-cases/gallery-session';
import { likeItem, type LikeItemDeps } from '../use-cases/like-item';
import { recommendGallery, type RecommendGalleryDeps } from '../use-cases/recommend-gallery';
import { galleryView, likeView } from './response-schemas';
import { galleryRequest, likeRequest } from './schemas';
import { mountSelfieRoutes, selfieContracts, type SelfieRouteDeps } from './selfie.routes';
import { mountUserRoutes, userContracts } from './user.routes';

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
  request: { body: galleryRequest },
  responses: { 200: { description: 'The recommendations.', body: galleryView, headers: noStore } },
  errors: [errors.galleryUserNotFound, dependency('The image server, or Personalize')],
});

const likeItemRoute = defineRoute({
  method: 'post',
  path: '/like',
  operationId: 'likeGalleryItem',
  tags: ['Face gallery'],
  summary: 'Like a catalog item, with the expression the user shows now',
  access: 'own-user',
  limited: 'likes',
  request: { body: likeRequest },
  responses: {
    201: { description: 'Liked.', body: likeView },
    200: { description: 'Already liked: nothing changed.', body: likeView },
  },
  errors: [errors.galleryUserNotFound, errors.galleryItemNotFound, dependency('Personalize')],
});

/** Every route of the gallery's own: the OpenAPI document is generated from these. */
export const galleryContracts = [...selfieContracts, recommendGalleryRoute, likeItemRoute, ...userContracts];

export interface GalleryRouteDeps extends SelfieRouteDeps {
  gallery: RecommendGalleryDeps;
  like: LikeItemDeps;
  erase: EraseUserDeps;
  sessions: GallerySessionDeps;
  limits: { limiter: RateLimiter; clock: Clock; rules: GalleryConfig['rateLimits'] };
  audit: AuditLog;
  defaultItems: number;
}

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
    const result = await recommendGallery(deps.gallery, {
      userId: body.userId,
      expression: body.expression ?? null,
      limit: body.limit ?? deps.defaultItems,
    });
    return { status: 200, body: result, headers: { 'Cache-Control': 'no-store' } };
  });

  route(router, likeItemRoute, async ({ body, caller }) => {
    requireSelf(caller, body.userId);
    const { created } = await likeItem(deps.like, body);
    return { status: created ? 201 : 200, body: { userId: body.userId, itemId: body.itemId, created } };
  });

  mountUserRoutes(router, route, { erase: deps.erase, audit: deps.audit, clock: deps.limits.clock });
  return router;
}

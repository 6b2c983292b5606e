import type { Router } from 'express';
import { errors } from '@photo/shared/errors/errors';
import type { Authenticator } from '../auth/authenticator';
import { likeView } from '../http/notification-views';
import { backendRouter, defineRoute } from '../http/route';
import { likeImage, unlikeImage, type LikeDeps } from '../use-cases/likes';
import type { Limits } from '../rate-limits';
import { likeParams, likeRequest, NOTIFICATION_TAGS as TAGS } from './notification-schemas';

const likeImageRoute = defineRoute({
  method: 'post',
  path: '/likes',
  operationId: 'likeImage',
  tags: TAGS,
  summary: 'Like an image',
  description: `A participant may like their own images and any look (a look is what the event shows off). The like,
the owner's in-app notification and an outbox event commit together; the notification worker then decides, per the
owner's preferences, quiet hours and rate limits, whether Web Push, e-mail and SMS follow (grouped over a digest
window: "Aiko and 3 others liked your look"). Liking twice is one like (200). A self-like or an event image notifies
nobody.`,
  access: 'participant',
  limited: ['likes'],
  request: { body: likeRequest },
  responses: {
    201: { description: 'Liked.', body: likeView },
    200: { description: 'Already liked: nothing changed.', body: likeView },
  },
  errors: [
    [
      errors.imageNotFound,
      'No such image, or one the participant may not like (answered alike, so ids cannot be probed).',
    ],
  ],
});

const unlikeImageRoute = defineRoute({
  method: 'delete',
  path: '/likes/{imageId}',
  operationId: 'unlikeImage',
  tags: TAGS,
  summary: 'Withdraw a like',
  description: `Idempotent. The liker leaves the notification; when they were its last actor it is deleted, and an unlike
inside the digest window cancels what was about to be sent.`,
  access: 'participant',
  request: { params: likeParams },
  responses: { 204: { description: 'Not liked (any more).' } },
});

export const likeContracts = [likeImageRoute, unlikeImageRoute];

/** Participants like images (their own, or any look) and withdraw likes. */
export function likeRoutes(deps: LikeDeps & { auth: Authenticator; limits: Limits }): Router {
  return backendRouter(deps, (route) => {
    route(likeImageRoute, async ({ caller, body: { imageId } }) => {
      const result = await likeImage(deps, caller.visitorId, imageId);
      const body = { imageId, liked: true as const, likedAt: result.likedAt.toISOString() };
      return result.created ? { status: 201, body } : { status: 200, body };
    });

    route(unlikeImageRoute, async ({ caller, params: { imageId } }) => {
      await unlikeImage(deps, caller.visitorId, imageId);
      return { status: 204 };
    });
  });
}

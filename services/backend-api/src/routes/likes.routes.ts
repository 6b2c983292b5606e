import { Router, type Request, type Response } from 'express';
import { jsonBody, parse } from '@photo/shared/http/validate';
import type { Authenticator } from '../auth/authenticator';
import { likeImage, unlikeImage, type LikeDeps } from '../use-cases/likes';
import { limitedPerCaller, type Limits } from './limited';
import { likeParams, likeRequest } from './notification-schemas';

/** Participants like images (their own, or any look) and withdraw likes. */
export function likeRoutes(deps: LikeDeps & { auth: Authenticator; limits: Limits }): Router {
  const router = Router();
  const asParticipant = (req: Request, res: Response) => deps.auth.participant(req, res);

  router.post(
    '/likes',
    ...limitedPerCaller(deps.limits, deps.limits.rules.likes, asParticipant),
    async (req, res) => {
      const { visitorId } = await asParticipant(req, res);
      const { imageId } = jsonBody(req, likeRequest);
      const result = await likeImage(deps, visitorId, imageId);
      res
        .status(result.created ? 201 : 200)
        .json({ imageId, liked: true, likedAt: result.likedAt.toISOString() });
    },
  );

  router.delete('/likes/:imageId', async (req, res) => {
    const { visitorId } = await deps.auth.participant(req, res);
    const { imageId } = parse(likeParams, req.params);
    await unlikeImage(deps, visitorId, imageId);
    res.status(204).end();
  });

  return router;
}

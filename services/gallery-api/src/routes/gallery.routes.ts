import { Router } from 'express';
import { bearerToken } from '@photo/shared/auth/bearer';
import { byAddress, byBearerOrAddress, rateLimit } from '@photo/shared/http/rate-limit';
import { jsonBody, parse } from '@photo/shared/http/validate';
import type { Clock } from '@photo/shared/ports/common';
import type { RateLimiter } from '@photo/shared/ports/rate-limiter.port';
import { SELFIE_TYPES, type GalleryConfig } from '../config';
import { analyseSelfie, type AnalyseSelfieDeps } from '../use-cases/analyse-selfie';
import { createUser, type CreateUserDeps } from '../use-cases/create-user';
import { eraseUser, type EraseUserDeps } from '../use-cases/erase-user';
import {
  galleryCaller,
  openSession,
  requireSelf,
  type GallerySessionDeps,
} from '../use-cases/gallery-session';
import { likeItem, type LikeItemDeps } from '../use-cases/like-item';
import { recommendGallery, type RecommendGalleryDeps } from '../use-cases/recommend-gallery';
import type { ErasureView, GalleryView, LikeView, MeView } from './response-schemas';
import { createUserRequest, galleryRequest, likeRequest, userParams } from './schemas';
import { withSelfie } from './selfie';
import { toCreatedUserView, toEmotionView } from './views';
import { newAuditId } from '@photo/shared/domain/ids';
import { requestContext } from '@photo/shared/http/request-context';
import type { AuditLog } from '@photo/shared/ports/audit-log.port';

export interface GalleryRouteDeps {
  analyse: AnalyseSelfieDeps;
  create: CreateUserDeps;
  gallery: RecommendGalleryDeps;
  like: LikeItemDeps;
  erase: EraseUserDeps;
  sessions: GallerySessionDeps;
  selfie: { tmpDir: string; maxBytes: number };
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
  const { rules } = deps.limits;
  const perMinute = (name: string, limit: number) => ({ name, limit, windowSeconds: 60 });

  router.post(
    '/emotion',
    rateLimit(deps.limits, perMinute('emotion', rules.emotionPerMinute), byAddress),
    async (req, res) => {
      const analysis = await withSelfie(req, deps.selfie, (path) => analyseSelfie(deps.analyse, path));
      const session = analysis.userId
        ? await openSession(deps.sessions, { userId: analysis.userId, visitorId: null })
        : null;
      res.set('cache-control', 'no-store').json(toEmotionView(analysis, session));
    },
  );

  // JSON with the analysis id; or, for a face index that needs the image, the selfie again with the fields as query.
  router.post(
    '/createUser',
    rateLimit(deps.limits, perMinute('create-user', rules.createUserPerMinute), byAddress),
    async (req, res) => {
      const token = bearerToken(req);
      const caller = token ? await galleryCaller(deps.sessions, token) : null;
      const viaSelfie = req.is(SELFIE_TYPES);
      const input = viaSelfie ? parse(createUserRequest, req.query) : jsonBody(req, createUserRequest);
      const run = (selfiePath: string | null) =>
        createUser(deps.create, {
          analysisId: input.analysisId,
          consent: input.consent,
          expression: input.expression ?? null,
          selfiePath,
          callerUserId: caller?.userId ?? null,
        });
      const result = viaSelfie ? await withSelfie(req, deps.selfie, run) : await run(null);
      const session = await openSession(deps.sessions, {
        userId: result.user.userId,
        visitorId: caller?.visitorId ?? null,
      });
      res
        .status(result.created ? 201 : 200)
        .set('cache-control', 'no-store')
        .json(toCreatedUserView(result, session));
    },
  );

  router.post('/gallery', async (req, res) => {
    const caller = await galleryCaller(deps.sessions, bearerToken(req));
    const body = jsonBody(req, galleryRequest);
    requireSelf(caller, body.userId);
    const result = await recommendGallery(deps.gallery, {
      userId: body.userId,
      expression: body.expression ?? null,
      limit: body.limit ?? deps.defaultItems,
    });
    res.set('cache-control', 'no-store').json(result satisfies GalleryView);
  });

  router.post(
    '/like',
    rateLimit(deps.limits, perMinute('like', rules.likesPerMinute), byBearerOrAddress),
    async (req, res) => {
      const caller = await galleryCaller(deps.sessions, bearerToken(req));
      const body = jsonBody(req, likeRequest);
      requireSelf(caller, body.userId);
      const { created } = await likeItem(deps.like, body);
      const view: LikeView = { userId: body.userId, itemId: body.itemId, created };
      res.status(created ? 201 : 200).json(view);
    },
  );

  // Which user a token stands for: a participant's phone that never saw the user id (another phone made it) can
  // still erase it.
  router.get('/me', async (req, res) => {
    const caller = await galleryCaller(deps.sessions, bearerToken(req));
    const user = caller.userId ? await deps.erase.users.get(caller.userId) : null;
    const now = deps.sessions.clock.now();
    const faceExpiresAt =
      user?.faceExpiresAt && user.faceExpiresAt.getTime() > now.getTime() ? user.faceExpiresAt : null;
    const view: MeView = {
      userId: user?.userId ?? null,
      faceExpiresAt: faceExpiresAt?.toISOString() ?? null,
    };
    res.set('cache-control', 'no-store').json(view);
  });

  router.delete('/users/:userId', async (req, res) => {
    const { userId } = parse(userParams, req.params);
    const caller = await galleryCaller(deps.sessions, bearerToken(req));
    requireSelf(caller, userId);
    await eraseUser(deps.erase, userId);
    await deps.audit.append({
      auditId: newAuditId(),
      at: deps.limits.clock.now(),
      actor: caller.visitorId ? `participant:${caller.visitorId}` : `gallery-user:${userId}`,
      action: 'gallery-user.erased',
      target: userId,
      requestId: requestContext(res).requestId,
      details: {},
    });
    res.status(204).set('Location', `/users/${userId}/erasure`).end();
  });

  router.get(
    '/users/:userId/erasure',
    rateLimit(deps.limits, perMinute('erasure', rules.createUserPerMinute), byAddress),
    async (req, res) => {
      const { userId } = parse(userParams, req.params);
      const [user, recommender] = await Promise.all([
        deps.erase.users.get(userId),
        deps.erase.recommender.erasure(userId),
      ]);
      const view: ErasureView = { userId, erased: user === null, recommender };
      res.set('cache-control', 'no-store').json(view);
    },
  );

  return router;
}

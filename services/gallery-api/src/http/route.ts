import type { ResponseConfig, RouteConfig } from '@asteasolutions/zod-to-openapi';
import type { Request, Response, Router } from 'express';
import { bearerToken } from '@photo/shared/auth/bearer';
import { errors } from '@photo/shared/errors/errors';
import {
  mountRoute,
  routeConfig,
  type AccessDoc,
  type HttpContract,
  type RouteHandler,
} from '@photo/shared/http/contract';
import { byAddress, byBearerOrAddress, rateLimit } from '@photo/shared/http/rate-limit';
import { parse } from '@photo/shared/http/validate';
import type { Clock } from '@photo/shared/ports/common';
import type { RateLimiter } from '@photo/shared/ports/rate-limiter.port';
import type { GalleryConfig } from '../config';
import { galleryCaller, type GalleryCaller, type GallerySessionDeps } from '../use-cases/gallery-session';

/**
 * Who may call a gallery route: anyone; anyone, with a token taken when sent; a gallery (or participant) token; or
 * that token for its own user only (the handler checks the user id it names with `requireSelf`).
 */
export type GalleryAccess = 'public' | 'optional-token' | 'token' | 'own-user';

type CallerOf<A extends GalleryAccess> = A extends 'public'
  ? null
  : A extends 'optional-token'
    ? GalleryCaller | null
    : GalleryCaller;

type LimitName = 'emotion' | 'createUser' | 'erasure' | 'likes';

/** A gallery route's contract: who may call it, and the rate limit it counts against. */
export interface GalleryContract extends HttpContract<GalleryAccess> {
  limited?: LimitName;
}

export const defineRoute = <const C extends GalleryContract>(contract: C): C => contract;

/** Each limit: its name in the limiter, its setting, and whom it counts (a call is counted before its token is checked). */
const LIMITS: Record<
  LimitName,
  {
    name: string;
    rule: keyof GalleryConfig['rateLimits'];
    setting: string;
    per: string;
    by: typeof byAddress;
  }
> = {
  emotion: {
    name: 'emotion',
    rule: 'emotionPerMinute',
    setting: 'GALLERY_RATE_EMOTION_PER_MINUTE',
    per: 'from one address',
    by: byAddress,
  },
  createUser: {
    name: 'create-user',
    rule: 'createUserPerMinute',
    setting: 'GALLERY_RATE_CREATE_USER_PER_MINUTE',
    per: 'from one address',
    by: byAddress,
  },
  erasure: {
    name: 'erasure',
    rule: 'createUserPerMinute',
    setting: 'GALLERY_RATE_CREATE_USER_PER_MINUTE',
    per: 'from one address',
    by: byAddress,
  },
  likes: {
    name: 'like',
    rule: 'likesPerMinute',
    setting: 'GALLERY_RATE_LIKES_PER_MINUTE',
    per: 'with one token',
    by: byBearerOrAddress,
  },
};

export interface GalleryRouteContext {
  sessions: GallerySessionDeps;
  limits: { limiter: RateLimiter; clock: Clock; rules: GalleryConfig['rateLimits'] };
}

function authorize(deps: GallerySessionDeps, access: GalleryAccess, req: Request): Promise<unknown> {
  if (access === 'public') return Promise.resolve(null);
  const token = bearerToken(req);
  if (access === 'optional-token' && !token) return Promise.resolve(null);
  return galleryCaller(deps, token);
}

/**
 * Mounts gallery routes from their contracts: the rate limit, then a path id's shape (a malformed id is refused
 * before any token is looked up), the access check, then the parsed request.
 */
export function galleryRouteMounter(deps: GalleryRouteContext) {
  return function route<C extends GalleryContract>(
    router: Router,
    contract: C,
    handler: RouteHandler<C, CallerOf<C['access']>>,
  ): void {
    const limit = contract.limited && LIMITS[contract.limited];
    const params = contract.request?.params;
    mountRoute(
      router,
      contract,
      {
        authorize: async (req: Request, _res: Response) => {
          if (params) parse(params, req.params);
          return (await authorize(deps.sessions, contract.access, req)) as CallerOf<C['access']>;
        },
        before: limit
          ? [
              rateLimit(
                deps.limits,
                { name: limit.name, limit: deps.limits.rules[limit.rule], windowSeconds: 60 },
                limit.by,
              ),
            ]
          : [],
      },
      handler,
    );
  };
}

export type GalleryRoute = ReturnType<typeof galleryRouteMounter>;

/** The `Cache-Control` of an answer for this request only, as documented. */
export const noStore = {
  'Cache-Control': {
    description: '`no-store`: the answer is for this request only.',
    schema: { type: 'string' },
  },
} as const;

/** A face analyser, face index or recommender on AWS (Rekognition, Personalize), or the image server, failed. */
export const dependency = (what: string) =>
  [errors.dependencyFailed, `${what} failed or did not answer.`] as const;

const ACCESS_DOCS: Record<GalleryAccess, AccessDoc> = {
  public: { security: [], errors: [] },
  'optional-token': {
    security: [{}, { galleryToken: [] }],
    errors: [
      [
        errors.unauthenticated,
        'An Authorization header was sent, but its token is not a valid participant or gallery token.',
      ],
    ],
  },
  token: {
    security: [{ galleryToken: [] }],
    errors: [
      [
        errors.unauthenticated,
        'No bearer token, a gallery token that is unknown or has expired, or a token that is neither a gallery nor a participant token.',
      ],
    ],
  },
  'own-user': {
    security: [{ galleryToken: [] }],
    errors: [
      [
        errors.unauthenticated,
        'No bearer token, or a gallery token that is unknown or has expired (or the user was erased): take a selfie again.',
      ],
      [errors.forbidden, "The user id is not the token's own user."],
    ],
  },
};

/** The OpenAPI operation of a gallery contract; a limited one documents its 429 with `Retry-After`. */
export function galleryOperation(contract: GalleryContract): RouteConfig {
  const limit = contract.limited && LIMITS[contract.limited];
  if (!limit) return routeConfig(contract, ACCESS_DOCS[contract.access]);
  const config = routeConfig(contract, ACCESS_DOCS[contract.access], [
    [
      errors.rateLimited,
      `More than ${limit.setting} calls a minute ${limit.per}: wait \`Retry-After\` seconds.`,
    ],
  ]);
  const responses = config.responses as Record<string, ResponseConfig>;
  responses['429'] = {
    ...responses['429']!,
    headers: {
      'Retry-After': { description: 'Seconds until the window resets.', schema: { type: 'string' } },
    },
  };
  return config;
}

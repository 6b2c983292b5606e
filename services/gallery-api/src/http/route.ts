import type { ResponseConfig, RouteConfig } from '@asteasolutions/zod-to-openapi';
import type { Request, RequestHandler, Response, Router } from 'express';
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

/** A gallery route's contract: who may call it, and the rate limit it counts against. */
export interface GalleryContract extends HttpContract<GalleryAccess> {
  limited?: keyof typeof LIMITS;
  /** Its answers are for this request only: `Cache-Control: no-store`, set and documented on its successes. */
  noStore?: true;
}

export const defineRoute = <const C extends GalleryContract>(contract: C): C => contract;

/** Whom a limit counts: an address, or a bearer token (its address when it sent none), before any token is checked. */
const COUNTED = {
  address: [byAddress, 'from one address'],
  token: [byBearerOrAddress, 'with one token'],
} as const;

/** Each limit, by its name in the limiter: the rule it counts against (and that rule's setting), and whom it counts. */
const LIMITS = {
  emotion: { rule: 'emotionPerMinute', setting: 'GALLERY_RATE_EMOTION_PER_MINUTE', by: 'address' },
  'create-user': {
    rule: 'createUserPerMinute',
    setting: 'GALLERY_RATE_CREATE_USER_PER_MINUTE',
    by: 'address',
  },
  erasure: { rule: 'createUserPerMinute', setting: 'GALLERY_RATE_CREATE_USER_PER_MINUTE', by: 'address' },
  like: { rule: 'likesPerMinute', setting: 'GALLERY_RATE_LIKES_PER_MINUTE', by: 'token' },
} as const;

/** What mounting a route uses: the sessions a token is looked up in, and the limiter with its rules. */
export type GalleryRouteContext = GallerySessionDeps & {
  limiter: RateLimiter;
  config: { rateLimits: GalleryConfig['rateLimits'] };
};

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
    const name = contract.limited;
    const limit = name && { name, limit: deps.config.rateLimits[LIMITS[name].rule], windowSeconds: 60 };
    const params = contract.request?.params;
    mountRoute(
      router,
      contract,
      {
        authorize: async (req: Request, _res: Response) => {
          if (params) parse(params, req.params);
          return (await authorize(deps, contract.access, req)) as CallerOf<C['access']>;
        },
        before: [
          ...(limit ? [rateLimit(deps, limit, COUNTED[LIMITS[limit.name].by][0])] : []),
          ...(contract.noStore ? [noStore] : []),
        ],
      },
      handler,
    );
  };
}

export type GalleryRoute = ReturnType<typeof galleryRouteMounter>;

const noStore: RequestHandler = (_req, res, next) => {
  res.set('Cache-Control', 'no-store');
  next();
};

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
  const config = routeConfig(
    contract,
    ACCESS_DOCS[contract.access],
    limit
      ? [
          [
            errors.rateLimited,
            `More than ${limit.setting} calls a minute ${COUNTED[limit.by][1]}: wait \`Retry-After\` seconds.`,
          ],
        ]
      : [],
  );
  const responses = config.responses as Record<string, ResponseConfig>;
  const header = (name: string, description: string): ResponseConfig['headers'] => ({
    [name]: { description, schema: { type: 'string' } },
  });
  for (const [status, response] of Object.entries(responses)) {
    if (limit && status === '429')
      response.headers = header('Retry-After', 'Seconds until the window resets.');
    if (contract.noStore && status.startsWith('2'))
      response.headers = header('Cache-Control', '`no-store`: the answer is for this request only.');
  }
  return config;
}

import type { ResponseConfig, RouteConfig } from '@asteasolutions/zod-to-openapi';
import { Router, type Request, type RequestHandler, type Response } from 'express';
import { errors } from '@photo/shared/errors/errors';
import { mountRoute, routeConfig, type HttpContract, type RouteHandler } from '@photo/shared/http/contract';
import type { ErrorRef } from '@photo/shared/http/openapi';
import { byAddress, rateLimit } from '@photo/shared/http/rate-limit';
import { requestContext } from '@photo/shared/http/request-context';
import type { Authenticator } from '../auth/authenticator';
import type { BackendRateLimits } from '../rate-limits';
import { actorOf } from '../routes/audit';
import type { Limits } from '../rate-limits';
import { accessDoc, authorize, type Access, type CallerOf } from './access';

type LimitName = keyof BackendRateLimits;

/** A backend route's contract: who may call it, and the rate limits it counts against, in the order counted. */
export interface BackendContract extends HttpContract<Access> {
  limited?: readonly LimitName[];
}

export const defineRoute = <const C extends BackendContract>(contract: C): C => contract;

/**
 * Each limit: whom it counts (an address is counted before authentication, so a flood of unauthenticated calls is
 * refused before a token is checked; a caller after it, so a refused caller spends nobody's budget) and its setting.
 */
const LIMITS: Record<LimitName, { by: 'address' | 'caller'; per: string; setting: string }> = {
  register: { by: 'address', per: 'from one address', setting: 'RATE_REGISTER_PER_MINUTE' },
  checkIn: { by: 'caller', per: 'by one staff member', setting: 'RATE_CHECKIN_PER_MINUTE' },
  imageUrls: { by: 'caller', per: 'by one caller', setting: 'RATE_IMAGE_URLS_PER_MINUTE' },
  likes: { by: 'caller', per: 'by one participant', setting: 'RATE_LIKES_PER_MINUTE' },
  uploadsPerAddress: {
    by: 'address',
    per: 'from one address',
    setting: 'RATE_UPLOADS_PER_ADDRESS_PER_MINUTE',
  },
  uploads: { by: 'caller', per: 'by one caller', setting: 'RATE_UPLOADS_PER_MINUTE' },
};

function callerKey(_req: Request, res: Response): string {
  const caller = requestContext(res).caller;
  if (!caller) throw errors.internal(new Error('a limited route counted a call before authenticating it'));
  return actorOf(caller);
}

export interface RouteOptions {
  /** Middleware after the limits, before the access check: a body parser, a switch that closes the route. */
  before?: RequestHandler[];
}

/** Mounts one route from its contract. */
export type Route = <C extends BackendContract>(
  contract: C,
  handler: RouteHandler<C, CallerOf<C['access']>>,
  options?: RouteOptions,
) => void;

/**
 * A router of backend routes, each mounted by `mount` from its contract: the limits, `before`, the access check,
 * then the parsed request.
 */
export function backendRouter(
  deps: { auth: Authenticator; limits?: Limits },
  mount: (route: Route) => void,
): Router {
  const router = Router();
  function route<C extends BackendContract>(
    contract: C,
    handler: RouteHandler<C, CallerOf<C['access']>>,
    options: RouteOptions = {},
  ): void {
    const check = (req: Request, res: Response) =>
      authorize(deps.auth, contract.access, req, res) as Promise<CallerOf<C['access']>>;
    const limits = (contract.limited ?? []).flatMap((name): RequestHandler[] => {
      if (!deps.limits) throw new Error(`${contract.operationId} is limited: mount it with the limits`);
      const rule = deps.limits.rules[name];
      if (LIMITS[name].by === 'address') return [rateLimit(deps.limits, rule, byAddress)];
      const authenticate: RequestHandler = async (req, res, next) => {
        await check(req, res);
        next();
      };
      return [authenticate, rateLimit(deps.limits, rule, callerKey)];
    });
    mountRoute(
      router,
      contract,
      { authorize: check, before: [...limits, ...(options.before ?? [])] },
      handler,
    );
  }
  mount(route);
  return router;
}

const header = (description: string) => ({ description, schema: { type: 'string' } }) as const;

/** The OpenAPI operation of a backend contract; a limited one documents its 429 with `Retry-After`. */
export function operation(contract: BackendContract): RouteConfig {
  const limited = contract.limited ?? [];
  const rules = limited.map((name) => `${LIMITS[name].setting} calls a minute ${LIMITS[name].per}`);
  const more: ErrorRef[] = limited.length
    ? [[errors.rateLimited, `More than ${rules.join(', or ')}: wait \`Retry-After\` seconds.`]]
    : [];
  const config = routeConfig(contract, accessDoc(contract.access), more);
  if (!limited.length) return config;
  const responses = config.responses as Record<string, ResponseConfig>;
  responses['429'] = {
    ...responses['429']!,
    headers: {
      'Retry-After': header('Seconds until the window resets.'),
      'RateLimit-Limit': header('Calls allowed in the window.'),
      'RateLimit-Remaining': header('Calls left in the window.'),
      'RateLimit-Reset': header('Seconds until the window resets.'),
    },
  };
  return config;
}

/** An answer the caller's browser keeps but checks again before each use. */
export const noCache = { 'Cache-Control': 'private, no-cache' };

/** A Server-Sent Events answer (the handler writes it on `res`). */
export const eventStream = (description: string, example?: string) => ({
  description,
  content: { 'text/event-stream': { schema: { type: 'string' as const }, ...(example ? { example } : {}) } },
});

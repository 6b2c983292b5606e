import type { Request, RequestHandler, Response } from 'express';
import { errors } from '@photo/shared/errors/errors';
import { byAddress, rateLimit, type RateRule } from '@photo/shared/http/rate-limit';
import { requestContext } from '@photo/shared/http/request-context';
import type { Clock } from '@photo/shared/ports/common';
import type { RateLimiter } from '@photo/shared/ports/rate-limiter.port';
import type { BackendRateLimits } from '../rate-limits';

/** What a limited route needs: the shared counters, the clock of their windows, and the rules. */
export interface Limits {
  limiter: RateLimiter;
  clock: Clock;
  rules: BackendRateLimits;
}

/**
 * Authenticates (as `check` demands) before the call is counted, so a limit per identity counts who called; a
 * caller that fails `check` gets its 401 or 403 without spending anyone's budget.
 */
export function limitedPerCaller(
  limits: Limits,
  rule: RateRule,
  check: (req: Request, res: Response) => Promise<unknown>,
): RequestHandler[] {
  const authenticate: RequestHandler = async (req, res, next) => {
    await check(req, res);
    next();
  };
  return [authenticate, rateLimit(limits, rule, (_req, res) => callerKey(res))];
}

/**
 * Uploads: counted per calling address first (before authentication, so a flood of unauthenticated bodies is
 * refused before a token is even checked), then per identity.
 */
export function limitedUpload(
  limits: Limits,
  check: (req: Request, res: Response) => Promise<unknown>,
): RequestHandler[] {
  return [
    rateLimit(limits, limits.rules.uploadsPerAddress, byAddress),
    ...limitedPerCaller(limits, limits.rules.uploads, check),
  ];
}

function callerKey(res: Response): string {
  const caller = requestContext(res).caller;
  if (!caller) throw errors.internal(new Error('a limited route counted a call before authenticating it'));
  if (caller.kind === 'participant') return `participant:${caller.visitorId}`;
  if (caller.kind === 'user') return `user:${caller.subject}`;
  return `service:${caller.email}`;
}

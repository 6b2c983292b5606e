import type { Request, RequestHandler, Response } from 'express';
import { errors } from '../errors/errors';
import type { Clock } from '../ports/common';
import type { RateLimiter } from '../ports/rate-limiter.port';
import { sha256Hex } from '../security/hashing';

/** One limit: at most `limit` calls per `windowSeconds` per caller; a limit of 0 turns it off. */
export interface RateRule {
  name: string;
  limit: number;
  windowSeconds: number;
}

/** What counting one call decided: whether it may go on, and the headers its answer carries either way. */
export interface CountedCall {
  allowed: boolean;
  remaining: number;
  resetSeconds: number;
}

/** Counts one call of `key` against `rule` (a limit of 0 counts nothing and allows). */
export async function countCall(
  deps: { limiter: RateLimiter; clock: Clock },
  rule: RateRule,
  key: string,
): Promise<CountedCall | null> {
  if (rule.limit === 0) return null;
  const now = deps.clock.now();
  const decision = await deps.limiter.hit(`${rule.name}:${key}`, rule.limit, rule.windowSeconds, now);
  const resetSeconds = Math.max(1, Math.ceil((decision.resetAt.getTime() - now.getTime()) / 1000));
  return { allowed: decision.allowed, remaining: decision.remaining, resetSeconds };
}

/** The `RateLimit-*` headers of a counted call (and `Retry-After` once refused). */
export function rateLimitHeaders(rule: RateRule, counted: CountedCall): Record<string, string> {
  return {
    'RateLimit-Limit': String(rule.limit),
    'RateLimit-Remaining': String(counted.remaining),
    'RateLimit-Reset': String(counted.resetSeconds),
    ...(counted.allowed ? {} : { 'Retry-After': String(counted.resetSeconds) }),
  };
}

/**
 * Counts the call against its caller's budget (the caller as `keyOf` names it: a token's subject, a participant, an
 * address) and answers 429 `RATE.LIMITED` with `Retry-After` once it is spent. Every answer carries the `RateLimit-*`
 * headers of the IETF draft, so a client can slow down before it is refused.
 */
export function rateLimit(
  deps: { limiter: RateLimiter; clock: Clock },
  rule: RateRule,
  keyOf: (req: Request, res: Response) => string,
): RequestHandler {
  return async (req, res, next) => {
    if (rule.limit === 0) return next();
    const counted = (await countCall(deps, rule, keyOf(req, res)))!;
    const { 'Retry-After': retryAfter, ...headers } = rateLimitHeaders(rule, counted);
    // A call counted by several rules (per address, then per identity) shows the one closest to refusing it.
    const earlier = Number(res.get('RateLimit-Remaining'));
    if (!(earlier < counted.remaining)) res.set(headers);
    if (retryAfter !== undefined) {
      res.set('Retry-After', retryAfter);
      throw errors.rateLimited(counted.resetSeconds);
    }
    next();
  };
}

/** The calling address (Cloud Run's front end sets X-Forwarded-For; the apps trust it). */
export const byAddress = (req: Request): string => `ip:${req.ip ?? 'unknown'}`;

/** The caller's bearer token (as its hash, never the token), or its address when it sent none. */
export const byBearerOrAddress = (req: Request): string => {
  const header = req.get('authorization');
  return header ? `token:${sha256Hex(header)}` : byAddress(req);
};

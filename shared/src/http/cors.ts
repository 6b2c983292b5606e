import cors from 'cors';
import type { RequestHandler } from 'express';

/**
 * The request headers the browser apps send beyond the CORS-safelisted ones: the bearer token, JSON and image bodies,
 * an upload's idempotency key, the feed's conditional poll and SSE resume point, and the request id support quotes.
 */
export const CORS_REQUEST_HEADERS = [
  'Authorization',
  'Content-Type',
  'Idempotency-Key',
  'If-None-Match',
  'Last-Event-ID',
  'X-Request-Id',
] as const;

/** The response headers the apps read, which a cross-origin page could not see otherwise. */
export const CORS_EXPOSED_HEADERS = [
  'ETag',
  'Location',
  'Retry-After',
  'X-Request-Id',
  'RateLimit-Limit',
  'RateLimit-Remaining',
  'RateLimit-Reset',
] as const;

export const CORS_METHODS = ['GET', 'HEAD', 'POST', 'PUT', 'PATCH', 'DELETE'] as const;

/** How long a browser keeps a preflight's answer: Chromium caps it at two hours, Firefox at one day. */
export const CORS_MAX_AGE_SECONDS = 3600;

/**
 * CORS for the browser apps: exactly `origins` (the apps' origins, `APP_ORIGINS`) get the answer headers; any
 * other origin, and a request without one, get none. No credentials mode: the apps send bearer tokens, never
 * cookies. Every answer says `Vary: Origin`, so a cache never hands one origin's answer to another.
 */
export function corsForApps(origins: readonly string[]): RequestHandler {
  const allowed = new Set(origins);
  const handler = cors({
    origin: (origin, callback) => callback(null, origin !== undefined && allowed.has(origin)),
    methods: [...CORS_METHODS],
    allowedHeaders: [...CORS_REQUEST_HEADERS],
    exposedHeaders: [...CORS_EXPOSED_HEADERS],
    credentials: false,
    maxAge: CORS_MAX_AGE_SECONDS,
    optionsSuccessStatus: 204,
  });
  return (req, res, next) => {
    res.vary('Origin');
    handler(req, res, next);
  };
}

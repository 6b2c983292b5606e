import express, { type Express, type Router } from 'express';
import { corsForApps } from './cors';
import { errorHandler, notFoundHandler } from './error-handler';
import { healthRoutes, type ReadinessCheck } from './health';
import { jsonBodyParser } from './json-body';
import type { Logger } from './logger';
import { requestContextMiddleware } from './request-context';
import { apiSecurityHeaders } from './security-headers';

export interface BaseAppOptions {
  logger: Logger;
  projectId: string | null;
  readiness: Record<string, ReadinessCheck>;
  isDraining: () => boolean;
  routes: Router[];
  /** Largest JSON body accepted (default 1mb). */
  jsonLimit?: string;
  /** Paths whose JSON bodies may be larger than `jsonLimit`, with their own limit (a bulk import). */
  jsonLimits?: Record<string, string>;
  /** The browser apps' origins CORS allows (`APP_ORIGINS`), on `paths` only when given (default: every path). */
  cors?: { origins: readonly string[]; paths?: readonly string[] };
}

/**
 * What every service's app has: request ids and logs, security headers, CORS for the apps, health, strict JSON, the
 * error catalog's renderer.
 */
export function createBaseApp(options: BaseAppOptions): Express {
  const app = express();
  app.disable('x-powered-by');
  app.set('trust proxy', true);
  app.use(requestContextMiddleware(options.logger, options.projectId));
  app.use(apiSecurityHeaders());
  // Before everything that can answer, so errors and refusals reach the app's page readable too.
  if (options.cors?.origins.length)
    for (const path of options.cors.paths ?? ['/']) app.use(path, corsForApps(options.cors.origins));
  app.use(healthRoutes(options.readiness, options.isDraining));
  // A path with its own limit is parsed first; the general parser then finds the body read and leaves it.
  for (const [path, limit] of Object.entries(options.jsonLimits ?? {})) app.use(path, jsonBodyParser(limit));
  app.use(jsonBodyParser(options.jsonLimit ?? '1mb'));
  for (const router of options.routes) app.use(router);
  app.use(notFoundHandler);
  app.use(errorHandler);
  return app;
}

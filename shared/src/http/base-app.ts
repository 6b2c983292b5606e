import express, { type Express, type Router } from 'express';
import { errorHandler, notFoundHandler } from './error-handler';
import { healthRoutes, type ReadinessCheck } from './health';
import type { Logger } from './logger';
import { requestContextMiddleware } from './request-context';

export interface BaseAppOptions {
  logger: Logger;
  projectId: string | null;
  readiness: Record<string, ReadinessCheck>;
  isDraining: () => boolean;
  routes: Router[];
  /** Largest JSON body accepted. */
  jsonLimit?: string;
}

/** What every service's app has: request ids and logs, health, strict JSON, the error catalog's renderer. */
export function createBaseApp(options: BaseAppOptions): Express {
  const app = express();
  app.disable('x-powered-by');
  app.set('trust proxy', true);
  app.use(requestContextMiddleware(options.logger, options.projectId));
  app.use(healthRoutes(options.readiness, options.isDraining));
  app.use(
    express.json({
      limit: options.jsonLimit ?? '1mb',
      strict: true,
      type: ['application/json', 'application/*+json'],
    }),
  );
  for (const router of options.routes) app.use(router);
  app.use(notFoundHandler);
  app.use(errorHandler);
  return app;
}

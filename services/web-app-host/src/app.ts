import type { Express } from 'express';
import type { Logger } from '@photo/shared/http/logger';
import { contentSecurityPolicy } from '@photo/shared/web-apps/content-security-policy';
import { identityOrigin } from '@photo/shared/web-apps/runtime-config';
import { createWebAppServer } from '@photo/shared/web-apps/web-app-server';
import type { WebAppHostConfig } from './config';

/**
 * One web app as a static site: the same server `npm start` uses (hashed assets cached for a year, the shell,
 * service worker and `/config.json` revalidated, the SPA fallback, the strict Content-Security-Policy), with the
 * config written at deploy and the CSP's origins taken from it.
 */
export function createWebAppHostApp(
  config: Pick<WebAppHostConfig, 'APP_DIST_DIR' | 'APP_CONFIG' | 'CSP_EXTRA_ORIGINS'>,
  logger: Logger,
): Express {
  const runtime = config.APP_CONFIG;
  const csp = contentSecurityPolicy({
    apis: [
      runtime.apiOrigin,
      ...(runtime.galleryOrigin ? [runtime.galleryOrigin] : []),
      ...config.CSP_EXTRA_ORIGINS,
    ],
    identity: runtime.auth ? identityOrigin(runtime.auth.domain) : null,
  });
  return createWebAppServer({
    distDir: config.APP_DIST_DIR,
    logger,
    runtimeConfig: () => runtime,
    contentSecurityPolicy: () => csp,
  });
}

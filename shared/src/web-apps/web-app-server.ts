import { join } from 'node:path';
import express, { type Express } from 'express';
import type { Logger } from '../http/logger';
import { requestContextMiddleware } from '../http/request-context';
import { pageSecurityHeaders } from '../http/security-headers';

export interface WebAppServerOptions {
  distDir: string;
  logger: Logger;
  /** The app's `/config.json`, known once the APIs listen: until then the server answers 503 for it. */
  runtimeConfig: () => object | null;
  contentSecurityPolicy: () => string;
}

// Files whose names do not change between builds: always revalidated, so a new build is picked up at once.
const NO_CACHE = new Set(['/', '/index.html', '/sw.js', '/manifest.webmanifest', '/config.json']);

/**
 * Serves one built web app: hashed assets cached for a year, the shell and its service worker revalidated each
 * time, `/config.json` from the running system, any other path answered with the shell (the app routes itself),
 * every answer with the app's Content-Security-Policy.
 */
export function createWebAppServer(options: WebAppServerOptions): Express {
  const app = express();
  app.disable('x-powered-by');
  app.use(requestContextMiddleware(options.logger, null));
  app.use(pageSecurityHeaders());
  app.use((_req, res, next) => {
    // helmet (pageSecurityHeaders) already sends nosniff, no-referrer and a same-origin opener policy.
    res.set({
      'Content-Security-Policy': options.contentSecurityPolicy(),
      'Permissions-Policy': 'camera=(self), microphone=(), geolocation=()',
    });
    next();
  });
  app.get('/config.json', (_req, res) => {
    const config = options.runtimeConfig();
    res.set('Cache-Control', 'no-cache');
    if (!config)
      return void res.status(503).json({ error: { code: 'SERVICE.UNAVAILABLE', message: 'Starting.' } });
    res.json(config);
  });
  app.use(
    express.static(options.distDir, {
      index: 'index.html',
      dotfiles: 'ignore',
      setHeaders: (res, path) => {
        const name = path.slice(options.distDir.length).replace(/\\/g, '/');
        if (NO_CACHE.has(name)) res.setHeader('Cache-Control', 'no-cache');
        else if (name.startsWith('/assets/'))
          res.setHeader('Cache-Control', 'public, max-age=31536000, immutable');
        else res.setHeader('Cache-Control', 'public, max-age=3600');
      },
    }),
  );
  // The SPA fallback: a page path (not a missing asset) gets the shell.
  app.get(/^\/(?!assets\/)[^.]*$/, (_req, res) => {
    res.set('Cache-Control', 'no-cache').sendFile(join(options.distDir, 'index.html'));
  });
  app.use((_req, res) => void res.status(404).type('text/plain').send('Not found'));
  return app;
}

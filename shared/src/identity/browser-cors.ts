import type { RequestHandler } from 'express';
import type { BrowserClients } from './browser-clients';

/**
 * CORS for the endpoints a page calls with fetch (token, discovery, JWKS): only the registered apps' origins, with
 * the two headers auth0-spa-js sends (Content-Type and Auth0-Client). Another origin gets no CORS header at all, so
 * the browser keeps the answer from its page.
 */
export function browserCors(clients: BrowserClients, methods: string): RequestHandler {
  return (req, res, next) => {
    res.vary('Origin');
    const origin = req.get('origin');
    const allowed = origin !== undefined && clients.allowsOrigin(origin);
    if (allowed) res.set('Access-Control-Allow-Origin', origin);
    if (req.method !== 'OPTIONS') return next();
    if (allowed) {
      res.set({
        'Access-Control-Allow-Methods': methods,
        'Access-Control-Allow-Headers': 'Content-Type, Auth0-Client',
        'Access-Control-Max-Age': '600',
      });
    }
    res.status(204).end();
  };
}

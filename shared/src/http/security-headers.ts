import type { IncomingMessage, ServerResponse } from 'node:http';
import helmet from 'helmet';

export type SecurityHeaders = (
  req: IncomingMessage,
  res: ServerResponse,
  next: (err?: unknown) => void,
) => void;

/**
 * The security headers of every API answer (JSON, SSE, images): helmet's set, with a Content-Security-Policy that lets
 * nothing load or frame it, since no API answer is a page. Cross-Origin-Resource-Policy is same-origin: it binds only
 * no-cors loads (an `<img>` of another site), never the apps' CORS fetches; the one-time image answers set
 * `cross-origin` themselves, so an app may show them from anywhere.
 */
export const apiSecurityHeaders = (): SecurityHeaders =>
  helmet({
    contentSecurityPolicy: {
      useDefaults: false,
      directives: {
        'default-src': ["'none'"],
        'frame-ancestors': ["'none'"],
        'base-uri': ["'none'"],
        'form-action': ["'none'"],
      },
    },
    crossOriginResourcePolicy: { policy: 'same-origin' },
    referrerPolicy: { policy: 'no-referrer' },
  });

/**
 * The security headers of a web app's static site: helmet's set without its Content-Security-Policy, which the app
 * server writes itself (the app's own strict policy, with the origins it reaches).
 */
export const pageSecurityHeaders = (): SecurityHeaders =>
  helmet({ contentSecurityPolicy: false, referrerPolicy: { policy: 'no-referrer' } });

/** Applies `headers` to a response answered outside Express (a plain node:http fast path). */
export function applySecurityHeaders(
  headers: SecurityHeaders,
  req: IncomingMessage,
  res: ServerResponse,
): void {
  headers(req, res, () => undefined);
}

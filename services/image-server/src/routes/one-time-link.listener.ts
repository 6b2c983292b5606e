import type { IncomingMessage, ServerResponse } from 'node:http';
import type { FirstListener } from '@photo/shared/http/answered-first';
import { plainContext, type PlainContext, type PlainContextOptions } from '@photo/shared/http/plain-context';
import { apiSecurityHeaders, applySecurityHeaders } from '@photo/shared/http/security-headers';
import { redeemLink, type RedeemLinkDeps } from '../use-cases/redeem-link';
import { imageHeaders, refusePreviewBots, sendBody } from './one-time-link.routes';

/** `/i/{token}` spelled as the image server issues it, with an optional query: nothing to decode or normalise. */
const CANONICAL = /^\/i\/([A-Za-z0-9_-]{43})(?:\?.*)?$/;

/**
 * `GET` and `HEAD /i/{token}` in plain node:http, before the Express stack: a phone fetches one image per one-time
 * link, so this is the hottest request the system serves. It answers what the Express routes answer (the same use
 * case, headers, error body, CORS, request id and log line); any other request, and any spelling of the path that
 * needs decoding, is left to Express.
 */
export function oneTimeLinkListener(deps: RedeemLinkDeps, options: PlainContextOptions): FirstListener {
  const context = { ...options, origins: new Set(options.appOrigins) };
  const securityHeaders = apiSecurityHeaders();
  return (req, res) => {
    if (req.method !== 'GET' && req.method !== 'HEAD') return false;
    const token = CANONICAL.exec(req.url ?? '')?.[1];
    if (token === undefined) return false;
    const ctx = plainContext(req, res, context);
    // The Express stack's headers; an image answer then sets its own Cross-Origin-Resource-Policy (cross-origin).
    applySecurityHeaders(securityHeaders, req, res);
    void answer(deps, req, res, token, ctx).catch((err: unknown) => ctx.fail(err));
    return true;
  };
}

async function answer(
  deps: RedeemLinkDeps,
  req: IncomingMessage,
  res: ServerResponse,
  token: string,
  ctx: PlainContext,
): Promise<void> {
  refusePreviewBots(req.headers['user-agent']);
  if (req.method === 'HEAD') {
    const { served } = await redeemLink(deps, token, 'peek');
    res.writeHead(200, imageHeaders(served)).end();
    return;
  }
  const { served, body } = await redeemLink(deps, token, 'consume');
  res.writeHead(200, imageHeaders(served));
  sendBody(res, body!, (err) => ctx.logger().error({ err }, 'storage stream failed'));
}

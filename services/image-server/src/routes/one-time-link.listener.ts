import type { IncomingMessage, ServerResponse } from 'node:http';
import { newRequestId } from '@photo/shared/domain/ids';
import { isAppError } from '@photo/shared/errors/app-error';
import { errors } from '@photo/shared/errors/errors';
import { CORS_EXPOSED_HEADERS } from '@photo/shared/http/cors';
import type { Logger } from '@photo/shared/http/logger';
import { apiSecurityHeaders, applySecurityHeaders } from '@photo/shared/http/security-headers';
import { redeemLink, type RedeemLinkDeps } from '../use-cases/redeem-link';
import { imageHeaders, refusePreviewBots } from './one-time-link.routes';

/** `/i/{token}` spelled as the image server issues it, with an optional query: nothing to decode or normalise. */
const CANONICAL = /^\/i\/([A-Za-z0-9_-]{43})(?:\?.*)?$/;
const SANE_REQUEST_ID = /^[A-Za-z0-9._-]{1,64}$/;
const EXPOSED = CORS_EXPOSED_HEADERS.join(',');

export interface OneTimeLinkListenerOptions {
  logger: Logger;
  projectId: string | null;
  /** The browser apps' origins CORS allows on `/i` (empty: none). */
  appOrigins: readonly string[];
}

/**
 * `GET` and `HEAD /i/{token}` in plain node:http, before the Express stack: a phone fetches one image per one-time
 * link, so this is the hottest request the system serves. It answers what the Express routes answer (the same use
 * case, headers, error body, CORS, request id and log line); any other request, and any spelling of the path that
 * needs decoding, is left to Express (answers false).
 */
export function oneTimeLinkListener(
  deps: RedeemLinkDeps,
  options: OneTimeLinkListenerOptions,
): (req: IncomingMessage, res: ServerResponse) => boolean {
  const origins = new Set(options.appOrigins);
  const securityHeaders = apiSecurityHeaders();
  return (req, res) => {
    if (req.method !== 'GET' && req.method !== 'HEAD') return false;
    const token = CANONICAL.exec(req.url ?? '')?.[1];
    if (token === undefined) return false;
    const incoming = req.headers['x-request-id'];
    const requestId =
      typeof incoming === 'string' && SANE_REQUEST_ID.test(incoming) ? incoming : newRequestId();
    res.setHeader('X-Request-Id', requestId);
    // The Express stack's headers; an image answer then sets its own Cross-Origin-Resource-Policy (cross-origin).
    applySecurityHeaders(securityHeaders, req, res);
    if (origins.size > 0) {
      res.setHeader('Vary', 'Origin');
      const origin = req.headers.origin;
      if (origin !== undefined && origins.has(origin)) {
        res.setHeader('Access-Control-Allow-Origin', origin);
        res.setHeader('Access-Control-Expose-Headers', EXPOSED);
      }
    }
    const log = requestLog(req, res, requestId, options);
    res.once('finish', () => log.done());
    void answer(deps, req, res, token, log).catch((err: unknown) =>
      renderError(req, res, requestId, err, log),
    );
    return true;
  };
}

async function answer(
  deps: RedeemLinkDeps,
  req: IncomingMessage,
  res: ServerResponse,
  token: string,
  log: RequestLog,
): Promise<void> {
  refusePreviewBots(req.headers['user-agent']);
  if (req.method === 'HEAD') {
    const { served } = await redeemLink(deps, token, 'peek');
    res.writeHead(200, imageHeaders(served)).end();
    return;
  }
  const { served, body } = await redeemLink(deps, token, 'consume');
  res.writeHead(200, imageHeaders(served));
  body!.on('error', (err) => {
    log.logger().error({ err }, 'storage stream failed');
    res.destroy(err);
  });
  res.on('close', () => body!.destroy());
  body!.pipe(res);
}

interface RequestLog {
  /** The request's child logger, made when first asked for: most requests never log beyond their line. */
  logger(): Logger;
  done(): void;
}

/** The request's log line, as the Express apps write it: one per response, with its id and Cloud Trace id. */
function requestLog(
  req: IncomingMessage,
  res: ServerResponse,
  requestId: string,
  options: OneTimeLinkListenerOptions,
): RequestLog {
  const bindings: Record<string, string> = { requestId };
  const trace = req.headers['x-cloud-trace-context'];
  const traceId = typeof trace === 'string' ? trace.split('/')[0] : undefined;
  if (traceId && options.projectId)
    bindings['logging.googleapis.com/trace'] = `projects/${options.projectId}/traces/${traceId}`;
  const started = process.hrtime.bigint();
  let child: Logger | null = null;
  const logger = () => (child ??= options.logger.child(bindings));
  return {
    logger,
    done() {
      if (!options.logger.isLevelEnabled('info')) return;
      const latencyMs = Number(process.hrtime.bigint() - started) / 1e6;
      logger().info(
        {
          httpRequest: {
            requestMethod: req.method,
            requestUrl: (req.url ?? '').split('?')[0],
            status: res.statusCode,
            latency: `${(latencyMs / 1000).toFixed(4)}s`,
          },
        },
        'request',
      );
    },
  };
}

/** The error body every service renders: `{ error: { code, message, requestId, details? } }`. */
function renderError(
  req: IncomingMessage,
  res: ServerResponse,
  requestId: string,
  err: unknown,
  log: RequestLog,
): void {
  const appError = isAppError(err) ? err : errors.internal(err);
  if (appError.status >= 500) log.logger().error({ err }, appError.message);
  else log.logger().info({ code: appError.code, status: appError.status }, appError.message);
  if (res.headersSent) {
    res.destroy();
    return;
  }
  const body = JSON.stringify({ error: { ...appError.toJSON(), requestId } });
  res.writeHead(appError.status, {
    'Content-Type': 'application/json; charset=utf-8',
    'Content-Length': String(Buffer.byteLength(body)),
    'Cache-Control': 'no-store',
  });
  res.end(req.method === 'HEAD' ? undefined : body);
}

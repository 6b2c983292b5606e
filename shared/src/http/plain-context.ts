import type { IncomingMessage, ServerResponse } from 'node:http';
import { newRequestId } from '../domain/ids';
import { isAppError } from '../errors/app-error';
import { errors } from '../errors/errors';
import { CORS_EXPOSED_HEADERS } from './cors';
import type { Logger } from './logger';

const SANE_REQUEST_ID = /^[A-Za-z0-9._-]{1,64}$/;
const EXPOSED = CORS_EXPOSED_HEADERS.join(',');

export interface PlainContextOptions {
  logger: Logger;
  projectId: string | null;
  /** The browser apps' origins CORS allows on this path (empty: CORS is off there). */
  appOrigins: readonly string[];
}

export interface PlainContext {
  requestId: string;
  /** The request's child logger, made when first asked for: most requests never log beyond their line. */
  logger(): Logger;
  /** Renders an error as the Express apps do: `{ error: { code, message, requestId, details? } }`. */
  fail(err: unknown): void;
}

/**
 * For a request answered in plain node:http before an Express app (see `answered-first.ts`): what the app's
 * middleware would have given it. The request id (kept from `X-Request-Id` when sane), the CORS answer headers for
 * the apps' origins with `Vary: Origin`, one log line per response with the Cloud Trace id, and the error body.
 */
export function plainContext(
  req: IncomingMessage,
  res: ServerResponse,
  options: PlainContextOptions & { origins: ReadonlySet<string> },
): PlainContext {
  const incoming = req.headers['x-request-id'];
  const requestId =
    typeof incoming === 'string' && SANE_REQUEST_ID.test(incoming) ? incoming : newRequestId();
  res.setHeader('X-Request-Id', requestId);
  if (options.origins.size > 0) {
    res.setHeader('Vary', 'Origin');
    const origin = req.headers.origin;
    if (origin !== undefined && options.origins.has(origin)) {
      res.setHeader('Access-Control-Allow-Origin', origin);
      res.setHeader('Access-Control-Expose-Headers', EXPOSED);
    }
  }
  const started = process.hrtime.bigint();
  const bindings = (): Record<string, string> => {
    const fields: Record<string, string> = { requestId };
    const trace = req.headers['x-cloud-trace-context'];
    const traceId = typeof trace === 'string' ? trace.split('/')[0] : undefined;
    if (traceId && options.projectId)
      fields['logging.googleapis.com/trace'] = `projects/${options.projectId}/traces/${traceId}`;
    return fields;
  };
  let child: Logger | null = null;
  const logger = () => (child ??= options.logger.child(bindings()));
  // Most requests log only this line: written with the request's fields, without a child logger made for it.
  if (options.logger.isLevelEnabled('info'))
    res.once('finish', () => {
      const latencyMs = Number(process.hrtime.bigint() - started) / 1e6;
      (child ?? options.logger).info(
        {
          ...(child ? {} : bindings()),
          httpRequest: {
            requestMethod: req.method,
            requestUrl: (req.url ?? '').split('?')[0],
            status: res.statusCode,
            latency: `${(latencyMs / 1000).toFixed(4)}s`,
          },
        },
        'request',
      );
    });
  return {
    requestId,
    logger,
    fail(err) {
      const appError = isAppError(err) ? err : errors.internal(err);
      if (appError.status >= 500) logger().error({ err }, appError.message);
      else logger().info({ code: appError.code, status: appError.status }, appError.message);
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
    },
  };
}

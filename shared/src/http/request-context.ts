import type { RequestHandler, Response } from 'express';
import { newRequestId } from '../domain/ids';
import type { Caller } from '../domain/permissions';
import type { Logger } from './logger';

export interface RequestContext {
  requestId: string;
  logger: Logger;
  caller: Caller | null;
}

/**
 * Gives every request an id (kept from `X-Request-Id` when it is sane), a child logger carrying it and the Cloud
 * Trace id from `X-Cloud-Trace-Context`, and logs one line per response.
 */
export function requestContextMiddleware(logger: Logger, projectId: string | null): RequestHandler {
  return (req, res, next) => {
    const incoming = req.get('x-request-id');
    const requestId = incoming && /^[A-Za-z0-9._-]{1,64}$/.test(incoming) ? incoming : newRequestId();
    const traceHeader = req.get('x-cloud-trace-context');
    const traceId = traceHeader?.split('/')[0];
    const bindings: Record<string, string> = { requestId };
    if (traceId && projectId)
      bindings['logging.googleapis.com/trace'] = `projects/${projectId}/traces/${traceId}`;
    const ctx: RequestContext = { requestId, logger: logger.child(bindings), caller: null };
    res.locals.ctx = ctx;
    res.setHeader('X-Request-Id', requestId);
    const started = process.hrtime.bigint();
    res.on('finish', () => {
      const latencyMs = Number(process.hrtime.bigint() - started) / 1e6;
      ctx.logger.info(
        {
          httpRequest: {
            requestMethod: req.method,
            requestUrl: req.originalUrl.split('?')[0],
            status: res.statusCode,
            latency: `${(latencyMs / 1000).toFixed(4)}s`,
          },
        },
        'request',
      );
    });
    next();
  };
}

export function requestContext(res: Response): RequestContext {
  return res.locals.ctx as RequestContext;
}

import type { ErrorRequestHandler, Request, RequestHandler } from 'express';
import { isAppError, type AppError } from '../errors/app-error';
import { errors } from '../errors/errors';
import { requestContext } from './request-context';

/** Renders every error as `{ error: { code, message, requestId, details? } }`; unknown errors become INTERNAL. */
export const errorHandler: ErrorRequestHandler = (err: unknown, req, res, _next) => {
  const appError = toAppError(err);
  const ctx = requestContext(res);
  if (appError.status >= 500) ctx.logger.error({ err }, appError.message);
  else ctx.logger.info({ code: appError.code, status: appError.status }, appError.message);
  if (res.headersSent) {
    res.destroy();
    return;
  }
  // A body refused halfway (an upload past its byte limit) is left unread on the connection, and the next request
  // kept alive on it would wait behind those bytes forever: close the connection after this answer instead.
  if (!req.complete && hasBody(req)) res.set('Connection', 'close');
  // A refusal that says when to come back (a busy instance's 503) says it in the header clients and proxies read too.
  const retryAfter = appError.details?.retryAfterSeconds;
  if (typeof retryAfter === 'number' && !res.hasHeader('Retry-After'))
    res.set('Retry-After', String(retryAfter));
  res
    .status(appError.status)
    .set('Cache-Control', 'no-store')
    .json({ error: { ...appError.toJSON(), requestId: ctx.requestId } });
};

/** Express and body-parser errors (they carry `status` and `type`) mapped onto the catalog. */
function toAppError(err: unknown): AppError {
  if (isAppError(err)) return err;
  // The router decodes path parameters and throws a URIError on a malformed percent-encoding such as `%E0%A4%A`.
  if (err instanceof URIError)
    return errors.invalidRequest([{ path: '(path)', message: 'malformed percent-encoding' }]);
  if ((err as { type?: string } | undefined)?.type === 'request.aborted') return errors.aborted();
  return bodyParserError(err, ['application/json; charset=utf-8']) ?? errors.internal(err);
}

/** A body parser's refusal (it carries `type`) as the catalog's error; an encoding refusal names `accepted`. */
export function bodyParserError(err: unknown, accepted: string[]): AppError | null {
  const e = err as { type?: string; limit?: number } | undefined;
  if (e?.type === 'entity.parse.failed') return errors.malformedJson();
  if (e?.type === 'entity.too.large') return errors.payloadTooLarge(e.limit ?? 0);
  if (e?.type === 'encoding.unsupported' || e?.type === 'charset.unsupported')
    return errors.unsupportedMediaType(accepted);
  return null;
}

const hasBody = (req: Request): boolean =>
  req.headers['transfer-encoding'] !== undefined || (req.headers['content-length'] ?? '0') !== '0';

export const notFoundHandler: RequestHandler = (req, _res, next) =>
  next(errors.notFoundRoute(req.method, req.path));

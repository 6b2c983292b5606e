import express, { type Request, type RequestHandler } from 'express';

/**
 * JSON bodies are parsed before the routes run, but a body that fails to parse (malformed, too large, an unknown
 * charset) is the business of the route that reads it: the error is kept here and thrown by `jsonBody`. A route that
 * takes no JSON (an image upload sent as application/json) then answers what it answers for any wrong content type,
 * 415, instead of the parser's 400.
 */
const bodyErrors = new WeakMap<Request, unknown>();

const JSON_TYPES = ['application/json', 'application/*+json'];

/** Parses JSON bodies up to `limit`, keeping a parse error for the route instead of failing the request. */
export function jsonBodyParser(limit: string): RequestHandler {
  const parse = express.json({ limit, strict: true, type: JSON_TYPES });
  return (req, res, next) =>
    parse(req, res, (err?: unknown) => {
      if (err) bodyErrors.set(req, err);
      next();
    });
}

/** The parsed JSON body; throws the parser's error (rendered as MALFORMED_JSON, TOO_LARGE, …) when it failed. */
export function parsedJson(req: Request): unknown {
  if (bodyErrors.has(req)) throw bodyErrors.get(req);
  return req.body as unknown;
}

/** Whether a JSON body came with the request, parsed or not. */
export const hasJsonBody = (req: Request): boolean => req.body !== undefined || bodyErrors.has(req);

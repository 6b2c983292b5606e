import type { Request } from 'express';
import type { z } from 'zod';
import { errors } from '../errors/errors';

function issuesOf(error: z.ZodError) {
  return error.issues.map((i) => ({ path: i.path.join('.') || '(root)', message: i.message }));
}

/** Parses a value with a zod schema, or throws REQUEST.INVALID listing every issue. */
export function parse<S extends z.ZodType>(schema: S, value: unknown): z.infer<S> {
  const result = schema.safeParse(value);
  if (!result.success) throw errors.invalidRequest(issuesOf(result.error));
  return result.data;
}

/** The JSON body, which must have been sent as application/json (express.json leaves other types untouched). */
export function jsonBody<S extends z.ZodType>(req: Request, schema: S): z.infer<S> {
  if (!req.is('application/json')) throw errors.unsupportedMediaType(['application/json']);
  return parse(schema, req.body);
}

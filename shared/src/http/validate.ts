import type { Request } from 'express';
import { z } from 'zod';
import { errors } from '../errors/errors';
import { parsedJson } from './json-body';

function issuesOf(error: z.ZodError) {
  return error.issues.map((i) => ({ path: i.path.join('.') || '(root)', message: i.message }));
}

/** Parses a value with a zod schema, or throws REQUEST.INVALID listing every issue. */
export function parse<S extends z.ZodType>(schema: S, value: unknown): z.infer<S> {
  const result = schema.safeParse(value);
  if (!result.success) throw errors.invalidRequest(issuesOf(result.error));
  return result.data;
}

/**
 * The JSON body, which must have been sent as application/json (the parser leaves other types untouched); a body the
 * parser refused throws its error here, in the route that reads it.
 */
export function jsonBody<S extends z.ZodType>(req: Request, schema: S): z.infer<S> {
  if (!req.is('application/json')) throw errors.unsupportedMediaType(['application/json']);
  return parse(schema, parsedJson(req));
}

interface IntegerBounds {
  min: number;
  max?: number;
}
type DecimalDigits = z.ZodPipe<z.ZodPipe<z.ZodString, z.ZodTransform<number, string>>, z.ZodNumber>;

/**
 * A whole number in a query string or header: plain decimal digits only. `Number()` would also take `0x10`, `1e1`,
 * ` 5` or an empty string, none of which a client means as a count. Documented as an integer with its bounds.
 */
export function queryInteger(bounds: IntegerBounds & { default: number }): z.ZodDefault<DecimalDigits>;
export function queryInteger(bounds: IntegerBounds): z.ZodOptional<DecimalDigits>;
export function queryInteger(
  bounds: IntegerBounds & { default?: number },
): z.ZodDefault<DecimalDigits> | z.ZodOptional<DecimalDigits> {
  let value = z.number().int().min(bounds.min);
  if (bounds.max !== undefined) value = value.max(bounds.max);
  const digits = z
    .string()
    .regex(/^[0-9]{1,15}$/, 'must be a whole number in decimal digits')
    .transform(Number)
    .pipe(value);
  // The OpenAPI generator takes these keys as the parameter's schema (an integer, not the digits' string pattern).
  const documented = digits.meta({
    type: 'integer',
    minimum: bounds.min,
    ...(bounds.max === undefined ? {} : { maximum: bounds.max }),
    ...(bounds.default === undefined ? {} : { default: bounds.default }),
  } as Record<string, unknown>);
  return bounds.default === undefined ? documented.optional() : documented.default(bounds.default);
}

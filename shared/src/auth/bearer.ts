import type { Request } from 'express';
import { errors } from '../errors/errors';

/** The bearer token of a request, or null when there is no Authorization header. */
export function bearerToken(req: Request): string | null {
  const header = req.get('authorization');
  if (header === undefined) return null;
  const match = /^Bearer ([A-Za-z0-9._~+/=-]{1,8192})$/.exec(header);
  if (!match) throw errors.unauthenticated('The Authorization header must be "Bearer <token>".');
  return match[1]!;
}

import { z } from 'zod';
import { hmacSha256, safeEqual } from '../security/hashing';

/**
 * Small values the provider hands to the browser and must get back unaltered (the login transaction in the form,
 * the session cookie): base64url JSON, an expiry, and an HMAC over both bound to a purpose, so one kind of value
 * cannot be replayed as another.
 */
export function seal(key: string, purpose: string, value: object, expiresAt: number): string {
  const body = Buffer.from(JSON.stringify({ ...value, exp: expiresAt })).toString('base64url');
  return `${body}.${hmacSha256(key, `${purpose}.${body}`).toString('base64url')}`;
}

/** The value, or null when it was altered, sealed for another purpose, expired or does not fit `schema`. */
export function unseal<S extends z.ZodType>(
  key: string,
  purpose: string,
  sealed: string | undefined,
  schema: S,
  now: number,
): z.infer<S> | null {
  if (!sealed || sealed.length > 8192) return null;
  const [body, mac, extra] = sealed.split('.');
  if (!body || !mac || extra !== undefined) return null;
  const expected = hmacSha256(key, `${purpose}.${body}`);
  if (!safeEqual(Buffer.from(mac, 'base64url'), expected)) return null;
  let json: unknown;
  try {
    json = JSON.parse(Buffer.from(body, 'base64url').toString('utf8'));
  } catch {
    return null;
  }
  const exp = z.object({ exp: z.number() }).safeParse(json);
  if (!exp.success || exp.data.exp <= now) return null;
  const parsed = schema.safeParse(json);
  return parsed.success ? parsed.data : null;
}

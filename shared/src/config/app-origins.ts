import { z } from 'zod';
import { splitList } from './parse-config';

/**
 * `APP_ORIGINS`: the browser apps' origins the APIs' CORS allows, comma-separated (`https://staff.example.com,…`).
 * Each must be an origin as a browser sends it (scheme, host, port; no path), and is kept in that form, so a
 * trailing slash in the setting cannot make an exact comparison miss.
 */
export const appOriginsList = z
  .string()
  .transform(splitList)
  .pipe(z.array(z.string().transform(toOrigin)));

function toOrigin(value: string, ctx: z.RefinementCtx<string>): string {
  const url = URL.canParse(value) ? new URL(value) : null;
  if (
    url &&
    (url.protocol === 'https:' || url.protocol === 'http:') &&
    url.pathname === '/' &&
    !url.search &&
    !url.hash &&
    !url.username &&
    !url.password
  )
    return url.origin;
  ctx.addIssue({
    code: 'custom',
    message: `${value} is not an origin: scheme://host[:port], no path (https://staff.example.com)`,
  });
  return z.NEVER;
}

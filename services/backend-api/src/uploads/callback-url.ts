import { isIP } from 'node:net';
import { uploadErrors } from '@photo/shared/errors/upload-errors';

/** Literal addresses a webhook must never reach from inside the platform: loopback, private, link-local, metadata. */
const PRIVATE = [
  /^127\./,
  /^10\./,
  /^192\.168\./,
  /^172\.(1[6-9]|2\d|3[01])\./,
  /^169\.254\./,
  /^0\./,
  /^::1$/,
  /^f[cd]/i,
  /^fe80:/i,
];

/**
 * A callback URL we will POST to: https, no credentials in it, and not a loopback or private address or name
 * (names are not resolved here; the sender does not follow redirects). `allowInsecure` lifts the last two rules.
 */
export function checkCallbackUrl(raw: string, allowInsecure: boolean): string {
  let url: URL;
  try {
    url = new URL(raw);
  } catch {
    throw uploadErrors.callbackRefused('not a URL');
  }
  if (url.username || url.password) throw uploadErrors.callbackRefused('credentials in the URL');
  if (allowInsecure) {
    if (url.protocol !== 'https:' && url.protocol !== 'http:')
      throw uploadErrors.callbackRefused('not http(s)');
    return url.href;
  }
  if (url.protocol !== 'https:') throw uploadErrors.callbackRefused('it must be https');
  const host = url.hostname.replace(/^\[|\]$/g, '');
  if (host === 'localhost' || host.endsWith('.localhost') || host.endsWith('.internal')) {
    throw uploadErrors.callbackRefused('a local host name');
  }
  if (isIP(host) && PRIVATE.some((p) => p.test(host)))
    throw uploadErrors.callbackRefused('a private address');
  return url.href;
}

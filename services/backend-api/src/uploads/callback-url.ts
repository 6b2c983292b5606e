import { isIP } from 'node:net';
import { uploadErrors } from '@photo/shared/errors/upload-errors';
import { refusedRange } from '@photo/shared/security/address-policy';

/**
 * A callback URL we will POST to: https, no credentials in it, and not a local name or an address of any
 * special-purpose range (loopback, private, link-local, CGNAT, IPv4-mapped IPv6, …). Names are resolved, and their
 * addresses checked, by the outbound client when it connects, so a name that rebinds later is refused then.
 * `allowInsecure` lifts the last two rules.
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
  const range = isIP(host) ? refusedRange(host) : null;
  if (range !== null) throw uploadErrors.callbackRefused(`a ${range} address`);
  return url.href;
}

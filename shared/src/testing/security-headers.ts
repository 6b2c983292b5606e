/** The headers helmet sets that every answer of every service must carry (`shared/src/http/security-headers.ts`). */
export const SECURITY_HEADERS = [
  'content-security-policy',
  'cross-origin-opener-policy',
  'cross-origin-resource-policy',
  'origin-agent-cluster',
  'referrer-policy',
  'strict-transport-security',
  'x-content-type-options',
  'x-dns-prefetch-control',
  'x-frame-options',
  'x-permitted-cross-domain-policies',
] as const;

/** The security headers an answer lacks (an empty list when it has them all), and a nosniff that is not nosniff. */
export function missingSecurityHeaders(headers: Headers): string[] {
  const missing: string[] = SECURITY_HEADERS.filter((name) => !headers.get(name));
  if (headers.get('x-content-type-options') && headers.get('x-content-type-options') !== 'nosniff')
    missing.push('x-content-type-options: nosniff');
  return missing;
}

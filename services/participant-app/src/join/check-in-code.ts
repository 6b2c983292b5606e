/**
 * Until when a check-in code scans: the payload is `PQR1.<visitorId>.<expiry>.<mac>`, the expiry in base-36 Unix
 * seconds. Null when the payload is not of that shape (the app then shows the code without a date).
 */
export function codeExpiry(payload: string): Date | null {
  const parts = payload.split('.');
  if (parts.length !== 4 || parts[0] !== 'PQR1' || !/^[0-9a-z]{1,12}$/.test(parts[2]!)) return null;
  return new Date(parseInt(parts[2]!, 36) * 1000);
}

/** Whether a kept code still scans at `now`; one without a known expiry is taken to. */
export function codeStillValid(expiresAt: string | null, now: number): boolean {
  return expiresAt === null || Date.parse(expiresAt) >= now;
}

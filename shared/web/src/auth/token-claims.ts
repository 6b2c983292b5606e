/**
 * The `permissions` claim of an access token (a JWT), read without verifying it: the API verifies every call, the
 * app only decides what to show. An opaque or malformed token has no permissions.
 */
export function permissionsOfToken(token: string): ReadonlySet<string> {
  const payload = token.split('.')[1];
  if (!payload) return new Set();
  try {
    const base64 = payload.replace(/-/g, '+').replace(/_/g, '/');
    const bytes = Uint8Array.from(atob(base64.padEnd(Math.ceil(base64.length / 4) * 4, '=')), (c) =>
      c.charCodeAt(0),
    );
    const claims = JSON.parse(new TextDecoder().decode(bytes)) as { permissions?: unknown };
    const list = Array.isArray(claims.permissions) ? claims.permissions : [];
    return new Set(list.filter((p): p is string => typeof p === 'string'));
  } catch {
    return new Set();
  }
}

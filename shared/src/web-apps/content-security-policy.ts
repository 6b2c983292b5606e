/** The origins a web app's page talks to, from the running system or the deployment. */
export interface AppOrigins {
  /** The backend API, the image server (one-time URLs, signed uploads), the gallery: fetch and images. */
  apis: readonly string[];
  /**
   * The identity provider: the token endpoint is fetched from the page (login itself is a navigation); null for an
   * app without login.
   */
  identity: string | null;
}

/**
 * The Content-Security-Policy every app is served with: only its own scripts (no inline script, no eval), WASM
 * compiled from its own files (`'wasm-unsafe-eval'`: zxing-wasm's decoder), fetches only to the APIs and the identity
 * provider, images from itself, the image server and blob: (captured shots), never framed.
 */
export function contentSecurityPolicy(origins: AppOrigins): string {
  const connect = unique(["'self'", ...origins.apis, ...(origins.identity ? [origins.identity] : [])]);
  const images = unique(["'self'", 'data:', 'blob:', ...origins.apis]);
  return [
    "default-src 'self'",
    "script-src 'self' 'wasm-unsafe-eval'",
    "style-src 'self'",
    `img-src ${images.join(' ')}`,
    "media-src 'self' blob:",
    `connect-src ${connect.join(' ')}`,
    "worker-src 'self' blob:",
    "manifest-src 'self'",
    "font-src 'self'",
    "object-src 'none'",
    "frame-src 'none'",
    "frame-ancestors 'none'",
    "base-uri 'self'",
    "form-action 'self'",
  ].join('; ');
}

const unique = (values: readonly string[]) => [...new Set(values.map((v) => v.replace(/\/+$/, '')))];

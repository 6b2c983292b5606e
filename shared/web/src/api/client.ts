import createClient, { type Client, type Middleware } from 'openapi-fetch';
import type { components, operations, paths } from './backend.gen';
import { retryAfterMiddleware } from './retry-after';
import { tokenRenewalMiddleware } from './token-renewal';

export type { components, operations, paths };

/** The typed backend client: `client.GET('/me')`, `client.POST('/checkin', { body })`, … */
export type BackendClient = Client<paths>;

/** A `fetch` as openapi-fetch calls it (always with a Request). */
export type RequestFetch = (request: Request) => Promise<Response>;

export interface ApiClientOptions {
  /** The API's origin, from the runtime config (`/config.json`). */
  baseUrl: string;
  /** The bearer token for each call; null sends none (the call then answers 401 where a token is needed). */
  getToken?: () => Promise<string | null>;
  /** Defaults to the browser's fetch; per call, pass `{ fetch: xhrFetch({ onUploadProgress }) }` for uploads. */
  fetch?: RequestFetch;
  /** Makes the `X-Request-Id` each call carries, so a support question can quote the id the server logged. */
  newRequestId?: () => string;
  /** Longest `Retry-After` of a 429 a read waits out before it is sent again (5 s; 0 hands every 429 back). */
  maxRetryWaitSeconds?: number;
  /** A new token whatever the cache holds, for a call the API refused with 401 AUTH.TOKEN_EXPIRED (token-renewal.ts). */
  renewToken?: () => Promise<string>;
}

/**
 * Builds the typed client over openapi-fetch: the base URL, a bearer token from a callback, a request id per call,
 * and reads refused with 429 sent again after a short `Retry-After`.
 */
export function createApiClient(options: ApiClientOptions): BackendClient {
  return createTypedClient<paths>(options);
}

/** The same client over any generated `paths` (the backend's, the gallery's). */
export function createTypedClient<P extends object>(options: ApiClientOptions): Client<P> {
  // Bound late so tests and the service worker's own patching see the current global.
  const fetch: RequestFetch = options.fetch ?? ((request) => globalThis.fetch(request));
  const client = createClient<P>({ baseUrl: options.baseUrl.replace(/\/+$/, ''), fetch });
  client.use(requestHeaders(options));
  client.use(retryAfterMiddleware({ fetch, maxWaitSeconds: options.maxRetryWaitSeconds }));
  if (options.renewToken) client.use(tokenRenewalMiddleware(options.renewToken));
  return client;
}

function requestHeaders(options: ApiClientOptions): Middleware {
  const newRequestId = options.newRequestId ?? (() => crypto.randomUUID());
  return {
    async onRequest({ request }) {
      if (!request.headers.has('X-Request-Id')) request.headers.set('X-Request-Id', newRequestId());
      const token = options.getToken ? await options.getToken() : null;
      if (token !== null) request.headers.set('Authorization', `Bearer ${token}`);
      return request;
    },
  };
}

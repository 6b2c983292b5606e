import createClient, { type Client, type Middleware } from 'openapi-fetch';
import type { components, operations, paths } from './backend.gen';

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
}

/** Builds the typed client over openapi-fetch: the base URL, a bearer token from a callback, a request id per call. */
export function createApiClient(options: ApiClientOptions): BackendClient {
  const client = createClient<paths>({
    baseUrl: options.baseUrl.replace(/\/+$/, ''),
    // Bound late so tests and the service worker's own patching see the current global.
    fetch: options.fetch ?? ((request) => globalThis.fetch(request)),
  });
  client.use(requestHeaders(options));
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

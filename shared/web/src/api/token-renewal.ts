import type { Middleware } from 'openapi-fetch';

/**
 * Answers 401 AUTH.TOKEN_EXPIRED once: the token this browser still thought valid (its clock behind the server's) is
 * renewed whatever the cache holds, and the call sent again with it. The API checks the token before doing anything,
 * so sending a write again repeats nothing; the request is kept as sent (a clone) because its body is spent.
 */
export function tokenRenewalMiddleware(renewToken: () => Promise<string>): Middleware {
  const sent = new Map<string, Request>();
  return {
    onRequest({ request, id }) {
      if (request.headers.has('Authorization')) sent.set(id, request.clone());
      return undefined;
    },
    async onResponse({ response, options, id }) {
      const again = sent.get(id);
      sent.delete(id);
      if (!again || response.status !== 401) return undefined;
      const code = await response
        .clone()
        .json()
        .then(
          (body: { error?: { code?: unknown } } | null) => body?.error?.code,
          () => null,
        );
      if (code !== 'AUTH.TOKEN_EXPIRED') return undefined;
      again.headers.set('Authorization', `Bearer ${await renewToken()}`);
      return options.fetch(again);
    },
    onError({ id }) {
      sent.delete(id);
      return undefined;
    },
  };
}

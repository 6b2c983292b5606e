import { readApiError } from '@photo/web/api/errors';
import { SessionEndedError } from '@photo/web/auth/session';

/** A failed call as the screens show it: the API's code (null when no answer came) and the request id to quote. */
export interface CallFailure {
  code: string | null;
  requestId: string | null;
  details?: unknown;
}

/** Runs one typed client call; answers its data, or the failure (network errors included) instead of throwing. */
export async function call<T>(
  run: () => Promise<{ data?: T; error?: unknown; response: Response }>,
): Promise<{ ok: true; data: T; status: number } | { ok: false; failure: CallFailure }> {
  try {
    const { data, error, response } = await run();
    if (response.ok && data !== undefined) return { ok: true, data, status: response.status };
    const info = readApiError(error);
    const details = (error as { error?: { details?: unknown } } | undefined)?.error?.details;
    return {
      ok: false,
      failure: {
        code: info?.code ?? `HTTP.${response.status}`,
        requestId: info?.requestId ?? response.headers.get('x-request-id'),
        details,
      },
    };
  } catch (err) {
    if (err instanceof DOMException && err.name === 'AbortError') throw err;
    // No call went out: the login has to be renewed (the app shows how); what was entered stays where it is.
    if (err instanceof SessionEndedError)
      return { ok: false, failure: { code: 'AUTH.TOKEN_EXPIRED', requestId: null } };
    console.error(err);
    return { ok: false, failure: { code: null, requestId: null } };
  }
}

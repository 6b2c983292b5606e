import type { Middleware } from 'openapi-fetch';
import { readErrorCode } from '@photo/web/api/errors';

/** Why the participant's token stopped working: each has its own explanation and its own next step. */
export type RefusalReason = 'rotated' | 'revoked' | 'unknown';

/** The reason a 401's error code gives. */
export function refusalReason(code: string | null): RefusalReason {
  if (code === 'AUTH.TOKEN_ROTATED') return 'rotated';
  if (code === 'AUTH.TOKEN_REVOKED') return 'revoked';
  return 'unknown';
}

/**
 * Watches every answer of the backend client: a 401 records why, before the call's own code sees the answer, so
 * whichever screen then reports the refused token, the reason is already known.
 */
export function tokenRefusalWatcher(record: (reason: RefusalReason) => void): Middleware {
  return {
    async onResponse({ response }) {
      if (response.status !== 401) return undefined;
      const body: unknown = await response
        .clone()
        .json()
        .catch(() => null);
      record(refusalReason(readErrorCode(body)));
      return undefined;
    },
  };
}

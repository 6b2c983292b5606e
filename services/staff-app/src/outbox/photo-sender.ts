import type { BackendClient, RequestFetch } from '@photo/web/api/client';
import { xhrFetch, type XhrFetchOptions } from '@photo/web/api/xhr-fetch';
import { classifyUploadAnswer, NETWORK_ERROR } from './upload-outcome';
import type { SendShot } from './uploader';

/** The login could not give a token (the refresh token expired or was revoked): the shot waits for a new login. */
export const LOGIN_NEEDED = 'AUTH.LOGIN_REQUIRED';

/**
 * Sends a shot as `PUT /participants/{visitorId}/photo` with the confirmed version and the shot's idempotency key,
 * through the typed client, over XMLHttpRequest so the bytes sent can be shown.
 */
export function createPhotoSender(
  client: BackendClient,
  uploadFetch: (options: XhrFetchOptions) => RequestFetch = xhrFetch,
): SendShot {
  return async (shot, onProgress) => {
    try {
      const { data, error, response } = await client.PUT('/participants/{visitorId}/photo', {
        params: {
          path: { visitorId: shot.visitorId },
          query: { expectedVersion: shot.expectedVersion },
          header: { 'Idempotency-Key': shot.idempotencyKey },
        },
        // The body is the image's bytes as they are: the typed body says string, the wire takes the Blob.
        body: shot.image as unknown as string,
        bodySerializer: (body: unknown) => body as Blob,
        headers: { 'Content-Type': shot.image.type || 'image/jpeg' },
        fetch: uploadFetch({ onUploadProgress: (sent, total) => onProgress(total > 0 ? sent / total : 0) }),
      });
      return classifyUploadAnswer(response.status, data ?? error ?? null);
    } catch (err) {
      // auth0-spa-js rejects with an object carrying an OAuth `error` (login_required, missing_refresh_token, …).
      const oauthError = typeof err === 'object' && err !== null && 'error' in err;
      return { kind: 'retry', error: oauthError ? LOGIN_NEEDED : NETWORK_ERROR };
    }
  };
}

import type { BackendClient } from '@photo/web/api/client';
import { readErrorCode } from '@photo/web/api/errors';
import { retryAfterSeconds } from '@photo/web/api/retry-after';
import type { IssuedLink } from '../images/image-loader';
import type { KeptCode } from '../join/token.store';
import type { PollAnswer, UpdatesSource } from '../live/live-updates';

/** Updates per poll answer (the API's page): a full one means more are waiting. */
const POLL_PAGE = 100;

/** A call the participant's token was refused for (lost, revoked): the app says so instead of retrying. */
export class TokenRefusedError extends Error {
  constructor() {
    super('participant token refused');
  }
}

/**
 * A call (to the backend or the gallery) that answered with an error: its status, the API's code (null when the body
 * is not the API's error shape), and for a 429 how many seconds to wait (`Retry-After`).
 */
export class ApiCallError extends Error {
  constructor(
    readonly status: number,
    readonly code: string | null,
    readonly retryAfter: number | null = null,
  ) {
    super(`API answered ${status} ${code ?? ''}`);
  }
}

/** The longest `Retry-After` an image's URL waits out by itself; the card offers "Try again" after a longer one. */
const MAX_URL_WAIT_SECONDS = 30;
const URL_RETRIES = 2;

export const callError = (response: Response, error: unknown) =>
  new ApiCallError(response.status, readErrorCode(error), retryAfterSeconds(response));

/** A backend call's failure: a refused participant token (401) is told apart from every other error. */
export const failure = (response: Response, error: unknown): Error =>
  response.status === 401 ? new TokenRefusedError() : callError(response, error);

/** The live updates' two ways in, over the typed client. */
export function updatesSource(api: BackendClient): UpdatesSource {
  return {
    async openStream(cursor, signal) {
      const { response } = await api.GET('/me/updates/stream', {
        parseAs: 'stream',
        headers: cursor ? { 'Last-Event-ID': cursor } : {},
        // The browser's cache must not answer (nor buffer) a stream.
        cache: 'no-store',
        signal,
      });
      return response;
    },
    async poll(cursor, etag, signal): Promise<PollAnswer> {
      const { data, error, response } = await api.GET('/me/updates', {
        params: { query: cursor ? { since: cursor } : {} },
        headers: etag ? { 'If-None-Match': etag } : {},
        // Our own If-None-Match: the browser's HTTP cache must neither add one nor turn the 304 into a 200.
        cache: 'no-store',
        signal,
      });
      if (response.status === 304) return { kind: 'not-modified' };
      if (response.status === 401) return { kind: 'unauthenticated' };
      if (!data) throw failure(response, error);
      return {
        kind: 'updates',
        updates: data.updates,
        cursor: data.cursor,
        etag: response.headers.get('ETag'),
        more: data.updates.length >= POLL_PAGE,
      };
    },
  };
}

/**
 * `GET /me/qr` and `GET /me`: a fresh check-in code, with the name it is shown under, however the participant joined.
 * Not from the HTTP cache: an old answer would be an old code.
 */
export async function fetchCheckInCode(api: BackendClient): Promise<KeptCode> {
  const [qr, me] = await Promise.all([
    api.GET('/me/qr', { cache: 'no-store' }),
    api.GET('/me', { cache: 'no-store' }),
  ]);
  if (!qr.data) throw failure(qr.response, qr.error);
  if (!me.data) throw failure(me.response, me.error);
  return {
    payload: qr.data.qrPayload,
    displayName: me.data.participant.displayName,
    expiresAt: qr.data.expiresAt,
  };
}

/**
 * `POST /images/{id}/url`: a one-time URL of the image's served rendering. A 429 issued nothing, so it is asked
 * again once its `Retry-After` is over (a phone scrolling through many images meets the per-caller limit).
 */
export async function issueImageUrl(
  api: BackendClient,
  imageId: string,
  sleep: (ms: number) => Promise<void> = (ms) => new Promise((resolve) => setTimeout(resolve, ms)),
): Promise<IssuedLink> {
  for (let attempt = 0; ; attempt++) {
    const { data, error, response } = await api.POST('/images/{imageId}/url', {
      params: { path: { imageId } },
    });
    if (data) return { url: data.url, version: data.version, variant: data.variant };
    const failed = failure(response, error);
    const wait = failed instanceof ApiCallError && failed.status === 429 ? failed.retryAfter : null;
    if (wait === null || wait > MAX_URL_WAIT_SECONDS || attempt >= URL_RETRIES) throw failed;
    await sleep(wait * 1000);
  }
}

/**
 * One GET of a one-time URL. No credentials and no referrer: the link is the credential, and the image server needs
 * nothing else. Not through the HTTP cache (the answer is `no-store`; the app keeps the bytes itself).
 */
export async function fetchOnce(url: string): Promise<Blob> {
  const response = await fetch(url, {
    credentials: 'omit',
    referrerPolicy: 'no-referrer',
    cache: 'no-store',
  });
  if (response.status !== 200) throw new ApiCallError(response.status, null);
  return response.blob();
}

export type MyImage = NonNullable<Awaited<ReturnType<typeof listMyImagesPage>>['items']>[number];

async function listMyImagesPage(api: BackendClient, after: string | null) {
  const { data, error, response } = await api.GET('/me/images', {
    params: { query: after ? { after } : {} },
  });
  if (!data) throw failure(response, error);
  return data;
}

/** Every image of mine, all pages. */
export async function listMyImages(api: BackendClient): Promise<MyImage[]> {
  const items: MyImage[] = [];
  let after: string | null = null;
  do {
    const page = await listMyImagesPage(api, after);
    items.push(...page.items);
    after = page.next;
  } while (after);
  return items;
}

/** `POST /likes` or `DELETE /likes/{imageId}`: both are idempotent, so a retried tap changes nothing. */
export async function setLiked(api: BackendClient, imageId: string, liked: boolean): Promise<void> {
  const { error, response } = liked
    ? await api.POST('/likes', { body: { imageId } })
    : await api.DELETE('/likes/{imageId}', { params: { path: { imageId } } });
  if (!response.ok) throw failure(response, error);
}

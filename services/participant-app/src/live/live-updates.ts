import type { components } from '@photo/web/api/client';
import { backoffDelayMs, type BackoffSpec } from '@photo/web/net/backoff';
import { createLiveStream, type LiveStream, type LiveStreamDeps } from '@photo/web/net/live-stream';

export type { LiveState } from '@photo/web/net/live-stream';

/** One change of one of the participant's images. */
export type ImageUpdate = components['schemas']['ImageUpdate'];

export type PollAnswer =
  | { kind: 'not-modified' }
  | {
      kind: 'updates';
      updates: ImageUpdate[];
      cursor: string | null;
      etag: string | null;
      /** A full page: more are waiting, so the next poll goes at once. */
      more: boolean;
    }
  | { kind: 'unauthenticated' };

/** The two ways of hearing about updates; both throw on a network failure or an unexpected status. */
export interface UpdatesSource {
  /** `GET /me/updates/stream` with `Last-Event-ID: cursor`; answers the response (its status untouched). */
  openStream(cursor: string | null, signal: AbortSignal): Promise<Response>;
  /** `GET /me/updates?since=cursor` with `If-None-Match: etag`. */
  poll(cursor: string | null, etag: string | null, signal: AbortSignal): Promise<PollAnswer>;
}

export interface LiveUpdatesDeps extends Pick<LiveStreamDeps, 'onState' | 'visibility' | 'random'> {
  source: UpdatesSource;
  onUpdates(updates: ImageUpdate[]): void;
  /** Other events of the stream (`notification`, `upload`), their data parsed. */
  onEvent?(event: string, data: unknown): void;
  /** After every successful poll (the stream brings notifications itself; polling does not). */
  onPolled?(): void;
  /** The token was refused (401): nothing more is tried. */
  onUnauthenticated(): void;
  /** Polling interval and its backoff after failures. */
  poll?: BackoffSpec;
  streamRetry?: BackoffSpec;
}

/**
 * The participant's live updates: ETag polling at a jittered interval with backoff while the stream is down, nothing
 * while the page is hidden. An update is handed on once, whichever way it came (the stream resent after a cut, a poll
 * overlapping the stream).
 */
export function createLiveUpdates(deps: LiveUpdatesDeps): LiveStream {
  const random = deps.random ?? Math.random;
  const pollSpec = deps.poll ?? { baseMs: 5_000, maxMs: 60_000 };
  let etag: string | null = null;
  const seen = new Set<string>();

  const deliver = (updates: ImageUpdate[]) => {
    const fresh = updates.filter((u) => {
      const key = `${u.imageId}:${u.version}:${u.variant}`;
      if (seen.has(key)) return false;
      seen.add(key);
      return true;
    });
    if (fresh.length > 0) deps.onUpdates(fresh);
  };

  const live = createLiveStream({
    openStream: (cursor, signal) => deps.source.openStream(cursor, signal),
    onEvent(event) {
      if (event.event === 'cursor') return;
      const data: unknown = JSON.parse(event.data);
      if (event.event === 'update') deliver([data as ImageUpdate]);
      else deps.onEvent?.(event.event, data);
    },
    async poll(signal) {
      const answer = await deps.source.poll(live.cursor, etag, signal);
      if (answer.kind === 'unauthenticated') return 'unauthenticated';
      if (answer.kind === 'updates') {
        deliver(answer.updates);
        live.cursor = answer.cursor ?? live.cursor;
        etag = answer.etag;
      }
      deps.onPolled?.();
      return answer.kind === 'updates' && answer.more ? 'more' : 'done';
    },
    pollDelayMs: (failures) => backoffDelayMs(pollSpec, failures + 1, random),
    streamRetry: deps.streamRetry ?? { baseMs: 3_000, maxMs: 120_000 },
    onState: deps.onState,
    onUnauthenticated: deps.onUnauthenticated,
    visibility: deps.visibility,
    random,
  });
  return live;
}

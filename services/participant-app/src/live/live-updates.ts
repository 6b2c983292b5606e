import { backoffDelayMs, type BackoffSpec } from '@photo/web/net/backoff';
import { readEventStream } from '@photo/web/net/event-stream';
import type { SseEvent } from '@photo/web/net/sse-parser';

/** One change of one of the participant's images (the API's ImageUpdate). */
export interface ImageUpdate {
  imageId: string;
  version: number;
  variant: string;
  updatedAt: string;
}

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

/** How the updates arrive right now, for the screen to say. */
export type LiveState = 'connecting' | 'live' | 'polling' | 'paused' | 'stopped';

export interface Visibility {
  hidden(): boolean;
  /** Calls back whenever the page is hidden or shown; answers the unsubscribe. */
  onChange(listener: () => void): () => void;
}

export interface Timers {
  set(callback: () => void, ms: number): unknown;
  clear(handle: unknown): void;
}

export interface LiveUpdatesDeps {
  source: UpdatesSource;
  onUpdates(updates: ImageUpdate[]): void;
  /** Other events of the stream (`notification`, `upload`), their data parsed. */
  onEvent?(event: string, data: unknown): void;
  /** After every successful poll (the stream brings notifications itself; polling does not). */
  onPolled?(): void;
  onState?(state: LiveState): void;
  /** The token was refused (401): nothing more is tried. */
  onUnauthenticated(): void;
  visibility: Visibility;
  timers?: Timers;
  random?: () => number;
  /** Polling interval and its backoff after failures. */
  poll?: BackoffSpec;
  /** The wait before the stream is tried again after it failed, growing with each failure. */
  streamRetry?: BackoffSpec;
}

export interface LiveUpdates {
  start(): void;
  stop(): void;
  readonly state: LiveState;
  readonly cursor: string | null;
}

const DEFAULT_POLL: BackoffSpec = { baseMs: 5_000, maxMs: 60_000 };
const DEFAULT_STREAM_RETRY: BackoffSpec = { baseMs: 3_000, maxMs: 120_000 };

const browserTimers: Timers = {
  set: (callback, ms) => setTimeout(callback, ms),
  clear: (handle) => clearTimeout(handle as ReturnType<typeof setTimeout>),
};

/**
 * The participant's live updates: SSE over `fetch` (the token is a header, which EventSource cannot send), resumed
 * with `Last-Event-ID`; when the stream fails, ETag polling at a jittered interval with backoff while the stream is
 * retried; nothing while the page is hidden. An update is handed on once, whichever way it came (the stream resent
 * after a cut, a poll overlapping the stream).
 */
export function createLiveUpdates(deps: LiveUpdatesDeps): LiveUpdates {
  const timers = deps.timers ?? browserTimers;
  const random = deps.random ?? Math.random;
  const pollSpec = deps.poll ?? DEFAULT_POLL;
  const streamSpec = deps.streamRetry ?? DEFAULT_STREAM_RETRY;
  let state: LiveState = 'stopped';
  let cursor: string | null = null;
  let etag: string | null = null;
  let running = false;
  let streamFailures = 0;
  let pollFailures = 0;
  let streamAbort: AbortController | null = null;
  let pollAbort: AbortController | null = null;
  let streamTimer: unknown = null;
  let pollTimer: unknown = null;
  let unwatch: (() => void) | null = null;
  const seen = new Set<string>();

  const setState = (next: LiveState) => {
    if (state === next) return;
    state = next;
    deps.onState?.(next);
  };

  const deliver = (updates: ImageUpdate[]) => {
    const fresh = updates.filter((u) => {
      const key = `${u.imageId}:${u.version}:${u.variant}`;
      if (seen.has(key)) return false;
      seen.add(key);
      return true;
    });
    if (fresh.length > 0) deps.onUpdates(fresh);
  };

  const clearTimers = () => {
    if (streamTimer !== null) timers.clear(streamTimer);
    if (pollTimer !== null) timers.clear(pollTimer);
    streamTimer = pollTimer = null;
  };

  const halt = () => {
    clearTimers();
    streamAbort?.abort();
    pollAbort?.abort();
    streamAbort = pollAbort = null;
  };

  const unauthenticated = () => {
    stop();
    deps.onUnauthenticated();
  };

  async function runStream(): Promise<void> {
    streamTimer = null;
    const abort = new AbortController();
    streamAbort = abort;
    if (state !== 'polling') setState('connecting');
    try {
      const response = await deps.source.openStream(cursor, abort.signal);
      if (response.status === 401) return unauthenticated();
      if (response.status !== 200 || !response.body) throw new Error(`stream answered ${response.status}`);
      streamFailures = 0;
      // The stream is up: polling stops.
      if (pollTimer !== null) timers.clear(pollTimer);
      pollTimer = null;
      pollAbort?.abort();
      setState('live');
      await readStream(response.body, abort.signal);
    } catch (err) {
      if (abort.signal.aborted) return;
      console.warn('update stream failed', err);
    } finally {
      if (streamAbort === abort) streamAbort = null;
    }
    if (abort.signal.aborted || !running) return;
    // The stream failed or ended: poll at once (nothing is missed meanwhile), and try the stream again later.
    streamFailures++;
    setState('polling');
    if (pollTimer === null) void runPoll();
    streamTimer = timers.set(() => void runStream(), backoffDelayMs(streamSpec, streamFailures, random));
  }

  async function readStream(body: ReadableStream<Uint8Array>, signal: AbortSignal): Promise<void> {
    const onEvent = (event: SseEvent) => {
      if (event.hasId) cursor = event.lastEventId;
      if (event.event === 'cursor') return;
      const data: unknown = JSON.parse(event.data);
      if (event.event === 'update') deliver([data as ImageUpdate]);
      else deps.onEvent?.(event.event, data);
    };
    await readEventStream(body, onEvent, { lastEventId: cursor, signal });
  }

  async function runPoll(): Promise<void> {
    pollTimer = null;
    const abort = new AbortController();
    pollAbort = abort;
    let again = false;
    try {
      const answer = await deps.source.poll(cursor, etag, abort.signal);
      if (answer.kind === 'unauthenticated') return unauthenticated();
      pollFailures = 0;
      if (answer.kind === 'updates') {
        deliver(answer.updates);
        again = answer.more;
        cursor = answer.cursor ?? cursor;
        etag = answer.etag;
      }
      deps.onPolled?.();
    } catch (err) {
      if (abort.signal.aborted) return;
      pollFailures++;
      console.warn('update poll failed', err);
    } finally {
      if (pollAbort === abort) pollAbort = null;
    }
    if (abort.signal.aborted || !running || state !== 'polling') return;
    const wait = again ? 0 : backoffDelayMs(pollSpec, pollFailures + 1, random);
    pollTimer = timers.set(() => void runPoll(), wait);
  }

  const resume = () => {
    halt();
    if (!running) return;
    if (deps.visibility.hidden()) return setState('paused');
    void runStream();
  };

  function stop() {
    running = false;
    halt();
    unwatch?.();
    unwatch = null;
    setState('stopped');
  }

  return {
    start() {
      if (running) return;
      running = true;
      unwatch = deps.visibility.onChange(resume);
      resume();
    },
    stop,
    get state() {
      return state;
    },
    get cursor() {
      return cursor;
    },
  };
}

/** The page's visibility (a phone's locked screen, another tab): nothing is fetched while hidden. */
export const documentVisibility: Visibility = {
  hidden: () => document.visibilityState === 'hidden',
  onChange(listener) {
    document.addEventListener('visibilitychange', listener);
    return () => document.removeEventListener('visibilitychange', listener);
  },
};

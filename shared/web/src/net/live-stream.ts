import { backoffDelayMs, type BackoffSpec } from './backoff';
import { readEventStream } from './event-stream';
import type { SseEvent } from './sse-parser';

/** How the changes arrive right now, for the screen to say. */
export type LiveState = 'connecting' | 'live' | 'polling' | 'paused' | 'stopped';

/** What one poll found: `more` when more are waiting, so the next poll goes at once. */
export type PollOutcome = 'done' | 'more' | 'unauthenticated';

export interface Visibility {
  hidden(): boolean;
  /** Calls back whenever the page is hidden or shown; answers the unsubscribe. */
  onChange(listener: () => void): () => void;
}

export interface LiveStreamDeps {
  /** Opens the stream with `Last-Event-ID: lastEventId`; answers the response with its status untouched. */
  openStream(lastEventId: string | null, signal: AbortSignal): Promise<Response>;
  /** Each event of the stream, as it arrives. */
  onEvent(event: SseEvent): void;
  /** One poll while the stream is down; throws when it fails. */
  poll(signal: AbortSignal): Promise<PollOutcome>;
  /** The wait before the next poll, given how many polls in a row failed. */
  pollDelayMs(failures: number): number;
  /** The wait before the stream is tried again after it failed, growing with each failure. */
  streamRetry: BackoffSpec;
  onState?(state: LiveState): void;
  /** Given, a 401 from the stream (or a poll answering `unauthenticated`) stops everything and calls it. */
  onUnauthenticated?(): void;
  /** Given, nothing is fetched while the page is hidden. */
  visibility?: Visibility;
  random?: () => number;
}

export interface LiveStream {
  start(): void;
  stop(): void;
  readonly state: LiveState;
  /** The id to resume from: the stream's last event id, or where a poll moved it. */
  cursor: string | null;
}

/**
 * A stream with a polling fallback: SSE over `fetch` (a token is a header, which EventSource cannot send), resumed
 * with `Last-Event-ID`; when the stream fails or ends, polling starts at once and goes on while the stream is tried
 * again with backoff, and stops once the stream is back.
 */
export function createLiveStream(deps: LiveStreamDeps): LiveStream {
  let state: LiveState = 'stopped';
  let cursor: string | null = null;
  let running = false;
  let streamFailures = 0;
  let pollFailures = 0;
  let streamAbort: AbortController | null = null;
  let pollAbort: AbortController | null = null;
  let streamTimer: ReturnType<typeof setTimeout> | undefined;
  let pollTimer: ReturnType<typeof setTimeout> | undefined;
  let unwatch: (() => void) | undefined;

  const setState = (next: LiveState) => {
    if (state === next) return;
    state = next;
    deps.onState?.(next);
  };

  const halt = () => {
    clearTimeout(streamTimer);
    clearTimeout(pollTimer);
    streamTimer = pollTimer = undefined;
    streamAbort?.abort();
    pollAbort?.abort();
    streamAbort = pollAbort = null;
  };

  const unauthenticated = () => {
    stop();
    deps.onUnauthenticated?.();
  };

  const onEvent = (event: SseEvent) => {
    if (event.hasId) cursor = event.lastEventId;
    deps.onEvent(event);
  };

  async function runStream(): Promise<void> {
    streamTimer = undefined;
    const abort = new AbortController();
    streamAbort = abort;
    if (state !== 'polling') setState('connecting');
    try {
      const response = await deps.openStream(cursor, abort.signal);
      if (response.status === 401 && deps.onUnauthenticated) return unauthenticated();
      if (response.status !== 200 || !response.body) throw new Error(`stream answered ${response.status}`);
      streamFailures = 0;
      // The stream is up: polling stops.
      clearTimeout(pollTimer);
      pollTimer = undefined;
      pollAbort?.abort();
      setState('live');
      await readEventStream(response.body, onEvent, { lastEventId: cursor, signal: abort.signal });
    } catch (err) {
      if (abort.signal.aborted) return;
      console.warn('live stream failed', err);
    } finally {
      if (streamAbort === abort) streamAbort = null;
    }
    if (abort.signal.aborted || !running) return;
    // The stream failed or ended: poll at once (nothing is missed meanwhile), and try the stream again later.
    streamFailures++;
    setState('polling');
    if (pollTimer === undefined) void runPoll();
    streamTimer = setTimeout(
      () => void runStream(),
      backoffDelayMs(deps.streamRetry, streamFailures, deps.random),
    );
  }

  async function runPoll(): Promise<void> {
    pollTimer = undefined;
    const abort = new AbortController();
    pollAbort = abort;
    let outcome: PollOutcome = 'done';
    try {
      outcome = await deps.poll(abort.signal);
      if (outcome === 'unauthenticated') return unauthenticated();
      pollFailures = 0;
    } catch (err) {
      if (abort.signal.aborted) return;
      pollFailures++;
      console.warn('live poll failed', err);
    } finally {
      if (pollAbort === abort) pollAbort = null;
    }
    if (abort.signal.aborted || !running || state !== 'polling') return;
    const wait = outcome === 'more' ? 0 : deps.pollDelayMs(pollFailures);
    pollTimer = setTimeout(() => void runPoll(), wait);
  }

  const resume = () => {
    halt();
    if (!running) return;
    if (deps.visibility?.hidden()) return setState('paused');
    void runStream();
  };

  function stop() {
    running = false;
    halt();
    unwatch?.();
    unwatch = undefined;
    setState('stopped');
  }

  return {
    start() {
      if (running) return;
      running = true;
      unwatch = deps.visibility?.onChange(resume);
      resume();
    },
    stop,
    get state() {
      return state;
    },
    get cursor() {
      return cursor;
    },
    set cursor(value) {
      cursor = value;
    },
  };
}

/** The page's visibility (a phone's locked screen, another tab). */
export const documentVisibility: Visibility = {
  hidden: () => document.visibilityState === 'hidden',
  onChange(listener) {
    document.addEventListener('visibilitychange', listener);
    return () => document.removeEventListener('visibilitychange', listener);
  },
};

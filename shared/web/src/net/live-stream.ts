import { backoffDelayMs, sleep, type BackoffSpec } from './backoff';
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
  const live = { state: 'stopped' as LiveState, cursor: null as string | null, start, stop };
  let streamFailures = 0;
  let pollFailures = 0;
  let session: AbortController | null = null;
  let polling: AbortController | null = null;
  let unwatch: (() => void) | undefined;

  const setState = (next: LiveState) => {
    if (live.state === next) return;
    live.state = next;
    deps.onState?.(next);
  };

  const onEvent = (event: SseEvent) => {
    if (event.hasId) live.cursor = event.lastEventId;
    deps.onEvent(event);
  };

  async function streamLoop(signal: AbortSignal): Promise<void> {
    while (!signal.aborted) {
      if (live.state !== 'polling') setState('connecting');
      try {
        const response = await deps.openStream(live.cursor, signal);
        if (response.status === 401 && deps.onUnauthenticated) return unauthenticated();
        if (response.status !== 200 || !response.body) throw new Error(`stream answered ${response.status}`);
        streamFailures = 0;
        polling?.abort(); // The stream is up: polling stops.
        setState('live');
        await readEventStream(response.body, onEvent, { lastEventId: live.cursor, signal });
      } catch (err) {
        if (!signal.aborted) console.warn('live stream failed', err);
      }
      if (signal.aborted) return;
      // The stream failed or ended: poll at once (nothing is missed meanwhile), and try the stream again later.
      setState('polling');
      if (!polling || polling.signal.aborted) void pollLoop((polling = new AbortController()).signal);
      await sleep(backoffDelayMs(deps.streamRetry, ++streamFailures, deps.random), signal);
    }
  }

  async function pollLoop(signal: AbortSignal): Promise<void> {
    while (!signal.aborted) {
      let outcome: PollOutcome = 'done';
      try {
        outcome = await deps.poll(signal);
        if (outcome === 'unauthenticated') return unauthenticated();
        pollFailures = 0;
      } catch (err) {
        if (signal.aborted) return;
        pollFailures++;
        console.warn('live poll failed', err);
      }
      if (outcome !== 'more') await sleep(deps.pollDelayMs(pollFailures), signal);
    }
  }

  function resume() {
    session?.abort();
    polling?.abort();
    if (deps.visibility?.hidden()) return setState('paused');
    session = new AbortController();
    void streamLoop(session.signal);
  }

  function start() {
    if (live.state !== 'stopped') return;
    unwatch = deps.visibility?.onChange(resume);
    resume();
  }

  function stop() {
    unwatch?.();
    session?.abort();
    polling?.abort();
    setState('stopped');
  }

  function unauthenticated() {
    stop();
    deps.onUnauthenticated?.();
  }

  return live;
}

/** The page's visibility (a phone's locked screen, another tab). */
export const documentVisibility: Visibility = {
  hidden: () => document.visibilityState === 'hidden',
  onChange(listener) {
    document.addEventListener('visibilitychange', listener);
    return () => document.removeEventListener('visibilitychange', listener);
  },
};

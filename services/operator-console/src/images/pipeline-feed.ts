import { readEventStream } from '@photo/web/net/event-stream';
import { backoffDelayMs, type BackoffSpec } from '@photo/web/net/backoff';

/** One status of an image's current version, as the stream sends its history. */
export interface PipelineStatus {
  status: string;
  reason: string | null;
  at: string;
}

/** An image as the list and the stream show it (the API's Image; the stream adds the current version's history). */
export interface PipelineImage {
  imageId: string;
  createdAt: string;
  updatedAt: string;
  currentVersion?: number;
  history?: PipelineStatus[];
}

/** How the list hears about changes right now, for the screen to say. */
export type PipelineMode = 'connecting' | 'live' | 'polling';

export interface PipelineSource<T extends PipelineImage> {
  /** `GET /pipeline/events` with `Last-Event-ID`; answers the response with its status untouched. */
  openStream(lastEventId: string | null, signal: AbortSignal): Promise<Response>;
  /** `GET /images?kind=event`: the newest images; throws when it fails. */
  list(signal: AbortSignal): Promise<T[]>;
}

export interface PipelineFeedDeps<T extends PipelineImage> {
  source: PipelineSource<T>;
  /** The whole list, newest first, after every change. */
  onImages(images: T[]): void;
  onMode(mode: PipelineMode): void;
  /** A poll failed (null once one succeeds again). */
  onFailure(error: unknown): void;
  pollMs?: number;
  streamRetry?: BackoffSpec;
  random?: () => number;
}

const DEFAULT_RETRY: BackoffSpec = { baseMs: 3_000, maxMs: 30_000 };

/**
 * The images screen's list, live: the pipeline stream pushes each change (SSE over fetch: the token is a header);
 * when it fails or ends, the list is polled every `pollMs` while the stream is tried again with backoff, and polling
 * stops once it is back. After every (re)connection the list is read once, so nothing changed during the gap is missed.
 */
export function createPipelineFeed<T extends PipelineImage>(deps: PipelineFeedDeps<T>) {
  const pollMs = deps.pollMs ?? 2_000;
  const retry = deps.streamRetry ?? DEFAULT_RETRY;
  const images = new Map<string, T>();
  const abort = new AbortController();
  let lastEventId: string | null = null;
  let live = false;
  let failures = 0;
  let pollTimer: ReturnType<typeof setTimeout> | null = null;
  let streamTimer: ReturnType<typeof setTimeout> | null = null;

  const publish = () =>
    deps.onImages(
      [...images.values()].sort(
        (a, b) => b.createdAt.localeCompare(a.createdAt) || (a.imageId < b.imageId ? 1 : -1),
      ),
    );
  const upsert = (image: T) => {
    const known = images.get(image.imageId);
    if (known && known.updatedAt > image.updatedAt) return;
    // A poll's answer has no history: the one the stream sent for this version stays.
    const history =
      image.history ?? (known?.currentVersion === image.currentVersion ? known?.history : undefined);
    images.set(image.imageId, history ? { ...image, history } : image);
  };

  async function refresh(): Promise<void> {
    try {
      for (const image of await deps.source.list(abort.signal)) upsert(image);
      deps.onFailure(null);
      publish();
    } catch (error) {
      if (!abort.signal.aborted) deps.onFailure(error);
    }
  }

  async function poll(): Promise<void> {
    pollTimer = null;
    await refresh();
    if (!abort.signal.aborted && !live) pollTimer = setTimeout(() => void poll(), pollMs);
  }

  async function stream(): Promise<void> {
    streamTimer = null;
    try {
      const response = await deps.source.openStream(lastEventId, abort.signal);
      if (response.status !== 200 || !response.body) throw new Error(`stream answered ${response.status}`);
      failures = 0;
      live = true;
      if (pollTimer !== null) clearTimeout(pollTimer);
      pollTimer = null;
      deps.onMode('live');
      void refresh();
      lastEventId = await readEventStream(
        response.body,
        (event) => {
          if (event.event !== 'image') return;
          upsert(JSON.parse(event.data) as T);
          publish();
        },
        { lastEventId, signal: abort.signal },
      );
    } catch (error) {
      if (!abort.signal.aborted) console.warn('pipeline stream failed', error);
    }
    live = false;
    if (abort.signal.aborted) return;
    failures++;
    deps.onMode('polling');
    streamTimer = setTimeout(() => void stream(), backoffDelayMs(retry, failures, deps.random));
    if (pollTimer === null) void poll();
  }

  return {
    start(): void {
      deps.onMode('connecting');
      void refresh();
      void stream();
    },
    stop(): void {
      abort.abort();
      if (pollTimer !== null) clearTimeout(pollTimer);
      if (streamTimer !== null) clearTimeout(streamTimer);
    },
  };
}

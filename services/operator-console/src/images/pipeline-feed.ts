import type { BackoffSpec } from '@photo/web/net/backoff';
import { createLiveStream, type LiveState, type LiveStreamDeps } from '@photo/web/net/live-stream';

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
export type PipelineMode = Exclude<LiveState, 'paused' | 'stopped'>;

export interface PipelineFeedDeps<T extends PipelineImage> extends Pick<LiveStreamDeps, 'random'> {
  source: {
    /** `GET /pipeline/events` with `Last-Event-ID`. */
    openStream: LiveStreamDeps['openStream'];
    /** `GET /images?kind=event`: the newest images; throws when it fails. */
    list(signal: AbortSignal): Promise<T[]>;
  };
  /** The whole list, newest first, after every change. */
  onImages(images: T[]): void;
  onMode(mode: PipelineMode): void;
  /** A poll failed (null once one succeeds again). */
  onFailure(error: unknown): void;
  pollMs?: number;
  streamRetry?: BackoffSpec;
}

/**
 * The images screen's list over the shared live stream: the pipeline stream pushes each change; while it is down the
 * list is polled every `pollMs`. After every (re)connection the list is read once, so nothing changed during the gap
 * is missed.
 */
export function createPipelineFeed<T extends PipelineImage>(deps: PipelineFeedDeps<T>) {
  const pollMs = deps.pollMs ?? 2_000;
  const images = new Map<string, T>();
  // The list is read under the feed's own signal: a read still running when the stream comes back lands all the same.
  const abort = new AbortController();

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

  const stream = createLiveStream({
    openStream: (lastEventId, signal) => deps.source.openStream(lastEventId, signal),
    onEvent(event) {
      if (event.event !== 'image') return;
      upsert(JSON.parse(event.data) as T);
      publish();
    },
    async poll() {
      await refresh();
      return 'done';
    },
    pollDelayMs: () => pollMs,
    streamRetry: deps.streamRetry ?? { baseMs: 3_000, maxMs: 30_000 },
    onState(state) {
      if (state === 'live') void refresh();
      if (state !== 'paused' && state !== 'stopped') deps.onMode(state);
    },
    random: deps.random,
  });

  return {
    start(): void {
      void refresh();
      stream.start();
    },
    stop(): void {
      abort.abort();
      stream.stop();
    },
  };
}

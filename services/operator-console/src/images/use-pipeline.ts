import type { BackendClient, components } from '@photo/web/api/client';
import { useEffect, useState } from 'preact/hooks';
import { createPipelineFeed, type PipelineMode, type PipelineStatus } from './pipeline-feed';

export type PipelineRow = components['schemas']['Image'] & { history?: PipelineStatus[] };

/** The event images, kept current by the pipeline stream (polling every 2 s while it is down). */
export function usePipeline(api: BackendClient): {
  images: PipelineRow[];
  mode: PipelineMode;
  failed: boolean;
} {
  const [images, setImages] = useState<PipelineRow[]>([]);
  const [mode, setMode] = useState<PipelineMode>('connecting');
  const [failed, setFailed] = useState(false);

  useEffect(() => {
    const feed = createPipelineFeed<PipelineRow>({
      source: {
        async openStream(lastEventId, signal) {
          const { response } = await api.GET('/pipeline/events', {
            params: { query: { kind: 'event' } },
            parseAs: 'stream',
            headers: lastEventId ? { 'Last-Event-ID': lastEventId } : {},
            // The browser's cache must not answer (nor buffer) a stream.
            cache: 'no-store',
            signal,
          });
          return response;
        },
        async list(signal) {
          const { data, response } = await api.GET('/images', {
            params: { query: { kind: 'event', limit: 100 } },
            cache: 'no-store',
            signal,
          });
          if (!data) throw new Error(`the image list answered ${response.status}`);
          return data.items;
        },
      },
      onImages: setImages,
      onMode: setMode,
      onFailure: (error) => setFailed(error !== null),
    });
    feed.start();
    return () => feed.stop();
  }, [api]);

  return { images, mode, failed };
}

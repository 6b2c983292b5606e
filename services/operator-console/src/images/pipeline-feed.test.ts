import { describe, expect, it } from 'vitest';
import { createPipelineFeed, type PipelineMode } from './pipeline-feed';

interface Img {
  imageId: string;
  createdAt: string;
  updatedAt: string;
  status: string;
}

const img = (imageId: string, status: string, at: number): Img => ({
  imageId,
  status,
  createdAt: new Date(0).toISOString(),
  updatedAt: new Date(at).toISOString(),
});

/** A stream response that sends `events` and then stays open until aborted. */
function openStream(events: Img[], signal: AbortSignal): Response {
  const body = new ReadableStream<Uint8Array>({
    start(controller) {
      for (const e of events)
        controller.enqueue(
          new TextEncoder().encode(
            `id: ${Date.parse(e.updatedAt)}\nevent: image\ndata: ${JSON.stringify(e)}\n\n`,
          ),
        );
      signal.addEventListener('abort', () => controller.close());
    },
  });
  return new Response(body, { status: 200, headers: { 'content-type': 'text/event-stream' } });
}

const until = async (check: () => boolean, ms = 2000) => {
  const deadline = Date.now() + ms;
  while (!check()) {
    if (Date.now() > deadline) throw new Error('timed out');
    await new Promise((r) => setTimeout(r, 5));
  }
};

describe('the pipeline feed', () => {
  it('when the stream is up, then its changes update the list and the list is not polled again', async () => {
    let lists = 0;
    let shown: Img[] = [];
    const modes: PipelineMode[] = [];
    const feed = createPipelineFeed<Img>({
      source: {
        openStream: async (_, signal) =>
          openStream([img('a', 'clustering', 2), img('a', 'clustered', 3)], signal),
        list: async () => (lists++, [img('a', 'uploaded', 1)]),
      },
      onImages: (images) => (shown = images),
      onMode: (m) => modes.push(m),
      onFailure: () => {},
      pollMs: 10,
    });
    feed.start();
    await until(() => shown[0]?.status === 'clustered');
    await new Promise((r) => setTimeout(r, 60));
    feed.stop();
    expect(modes).toEqual(['connecting', 'live']);
    // Once at the start, once when the stream opened (what changed in between): no polling while live.
    expect(lists).toBe(2);
    expect(shown.map((i) => i.status)).toEqual(['clustered']);
  });

  it('when the stream fails, then the list is polled until the stream is back, which resumes from the last event id', async () => {
    let attempts = 0;
    const lastIds: (string | null)[] = [];
    let lists = 0;
    let shown: Img[] = [];
    const modes: PipelineMode[] = [];
    const feed = createPipelineFeed<Img>({
      source: {
        openStream: async (lastEventId, signal) => {
          lastIds.push(lastEventId);
          attempts++;
          if (attempts === 1) return openStream([img('a', 'clustered', 5)], AbortSignal.timeout(20));
          if (attempts < 4) return new Response('down', { status: 503 });
          return openStream([img('a', 'generated', 9)], signal);
        },
        list: async () => (lists++, [img('a', 'clustering', 4)]),
      },
      onImages: (images) => (shown = images),
      onMode: (m) => modes.push(m),
      onFailure: () => {},
      pollMs: 10,
      streamRetry: { baseMs: 60, maxMs: 60 },
      random: () => 1,
    });
    feed.start();
    await until(() => shown[0]?.status === 'generated');
    const listsWhenBack = lists;
    await new Promise((r) => setTimeout(r, 60));
    feed.stop();
    expect(modes).toContain('polling');
    expect(modes.at(-1)).toBe('live');
    expect(listsWhenBack).toBeGreaterThan(4);
    // Back live: one read for the gap, then no more polling.
    expect(lists).toBeLessThanOrEqual(listsWhenBack + 1);
    expect(lastIds.slice(1)).toEqual(['5', '5', '5']);
  });
});

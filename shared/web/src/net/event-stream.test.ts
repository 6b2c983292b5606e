import { describe, expect, it } from 'vitest';
import type { SseEvent } from './sse-parser';
import { readEventStream } from './event-stream';

const body = (chunks: string[]) =>
  new ReadableStream<Uint8Array>({
    start(controller) {
      for (const chunk of chunks) controller.enqueue(new TextEncoder().encode(chunk));
      controller.close();
    },
  });

describe('readEventStream', () => {
  it('when events arrive split across chunks, then each is handed on whole and the last id is answered', async () => {
    const seen: SseEvent[] = [];
    const last = await readEventStream(
      body([
        'retry: 3000\n\nid: 1\nevent: im',
        'age\ndata: {"a":1}\n\n: keep-alive\n\n',
        'id: 2\nevent: image\ndata: {}\n\n',
      ]),
      (e) => seen.push(e),
      { lastEventId: null, signal: new AbortController().signal },
    );
    expect(seen.map((e) => [e.event, e.data, e.lastEventId])).toEqual([
      ['image', '{"a":1}', '1'],
      ['image', '{}', '2'],
    ]);
    expect(last).toBe('2');
  });

  it('when aborted, then reading stops and the id it resumed from is kept', async () => {
    const abort = new AbortController();
    const endless = new ReadableStream<Uint8Array>({ pull: () => new Promise(() => {}) });
    const reading = readEventStream(endless, () => {}, { lastEventId: '7', signal: abort.signal });
    abort.abort();
    await expect(reading).resolves.toBe('7');
  });
});

import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { controlledStream } from '@photo/web/net/testing/controlled-stream';
import {
  createLiveUpdates,
  type ImageUpdate,
  type LiveState,
  type PollAnswer,
  type UpdatesSource,
} from './live-updates';

const update = (imageId: string, version: number): ImageUpdate => ({
  imageId,
  version,
  variant: 'original',
  updatedAt: '2025-01-01T00:00:00.000Z',
});
const sse = (u: ImageUpdate, cursor: string) =>
  `event: update\ndata: ${JSON.stringify(u)}\n\nid: ${cursor}\nevent: cursor\ndata: {"cursor":"${cursor}"}\n\n`;

function harness() {
  const streams: ReturnType<typeof controlledStream>[] = [];
  const streamCursors: (string | null)[] = [];
  const pollCalls: { cursor: string | null; etag: string | null }[] = [];
  const pollAnswers: Array<PollAnswer | Error> = [];
  let streamFails = false;
  const source: UpdatesSource = {
    openStream(cursor) {
      streamCursors.push(cursor);
      if (streamFails) return Promise.reject(new TypeError('Failed to fetch'));
      const stream = controlledStream();
      streams.push(stream);
      return Promise.resolve(stream.response);
    },
    poll(cursor, etag) {
      pollCalls.push({ cursor, etag });
      const answer = pollAnswers.shift() ?? { kind: 'not-modified' };
      return answer instanceof Error ? Promise.reject(answer) : Promise.resolve(answer);
    },
  };
  let hidden = false;
  const visibilityListeners = new Set<() => void>();
  const delivered: ImageUpdate[] = [];
  const states: LiveState[] = [];
  const onUnauthenticated = vi.fn();
  const live = createLiveUpdates({
    source,
    onUpdates: (u) => delivered.push(...u),
    onState: (s) => states.push(s),
    onUnauthenticated,
    visibility: {
      hidden: () => hidden,
      onChange(listener) {
        visibilityListeners.add(listener);
        return () => visibilityListeners.delete(listener);
      },
    },
    random: () => 1,
    poll: { baseMs: 1000, maxMs: 8000 },
    streamRetry: { baseMs: 10_000, maxMs: 60_000 },
  });
  return {
    live,
    streams,
    streamCursors,
    pollCalls,
    pollAnswers,
    delivered,
    states,
    onUnauthenticated,
    failStreams: (fail: boolean) => void (streamFails = fail),
    setHidden(value: boolean) {
      hidden = value;
      for (const l of visibilityListeners) l();
    },
  };
}

const flush = () => vi.advanceTimersByTimeAsync(0);

beforeEach(() => {
  vi.useFakeTimers();
});
afterEach(() => {
  vi.useRealTimers();
});

describe('live updates', () => {
  it('when the stream sends updates, then each is handed on once and the cursor follows the stream', async () => {
    const h = harness();
    h.live.start();
    await flush();
    expect(h.live.state).toBe('live');
    h.streams[0]!.write(sse(update('i_1', 1), 'c1'));
    h.streams[0]!.write(sse(update('i_1', 1), 'c1'));
    await flush();
    expect(h.delivered).toEqual([update('i_1', 1)]);
    expect(h.live.cursor).toBe('c1');
    expect(h.pollCalls).toEqual([]);
  });

  it('when the stream is cut, then polling starts at once from the cursor and the stream resumes later with Last-Event-ID', async () => {
    const h = harness();
    h.live.start();
    await flush();
    h.streams[0]!.write(sse(update('i_1', 1), 'c1'));
    await flush();
    h.pollAnswers.push({
      kind: 'updates',
      updates: [update('i_1', 1), update('i_1', 2)],
      cursor: 'c2',
      etag: '"u.c2"',
      more: false,
    });
    h.streams[0]!.cut();
    await flush();
    expect(h.live.state).toBe('polling');
    expect(h.pollCalls).toEqual([{ cursor: 'c1', etag: null }]);
    // i_1@1 came on the stream already: only the new one is handed on.
    expect(h.delivered).toEqual([update('i_1', 1), update('i_1', 2)]);
    await vi.advanceTimersByTimeAsync(1000);
    expect(h.pollCalls.at(-1)).toEqual({ cursor: 'c2', etag: '"u.c2"' });
    await vi.advanceTimersByTimeAsync(10_000);
    expect(h.streamCursors).toEqual([null, 'c2']);
    expect(h.live.state).toBe('live');
    const polls = h.pollCalls.length;
    await vi.advanceTimersByTimeAsync(30_000);
    expect(h.pollCalls.length).toBe(polls);
  });

  it('when polls fail, then the interval backs off and returns to the base once one succeeds', async () => {
    const h = harness();
    h.failStreams(true);
    h.pollAnswers.push(new TypeError('offline'), new TypeError('offline'), new TypeError('offline'));
    h.live.start();
    await flush();
    expect(h.pollCalls.length).toBe(1);
    // Failures: next polls after 2 s, 4 s, 8 s (base 1 s doubled per failure, random pinned to the top).
    await vi.advanceTimersByTimeAsync(1999);
    expect(h.pollCalls.length).toBe(1);
    await vi.advanceTimersByTimeAsync(1);
    expect(h.pollCalls.length).toBe(2);
    await vi.advanceTimersByTimeAsync(4000);
    expect(h.pollCalls.length).toBe(3);
    await vi.advanceTimersByTimeAsync(8000);
    expect(h.pollCalls.length).toBe(4);
    // That one succeeded: back to 1 s.
    await vi.advanceTimersByTimeAsync(1000);
    expect(h.pollCalls.length).toBe(5);
  });

  it('when a poll answers a full page, then the next page is asked for at once', async () => {
    const h = harness();
    h.failStreams(true);
    h.pollAnswers.push(
      { kind: 'updates', updates: [update('i_1', 1)], cursor: 'c1', etag: '"u.c1"', more: true },
      { kind: 'updates', updates: [update('i_2', 1)], cursor: 'c2', etag: '"u.c2"', more: false },
    );
    h.live.start();
    await flush();
    await flush();
    expect(h.pollCalls.map((c) => c.cursor)).toEqual([null, 'c1']);
    await vi.advanceTimersByTimeAsync(999);
    expect(h.pollCalls.length).toBe(2);
    await vi.advanceTimersByTimeAsync(1);
    expect(h.pollCalls.map((c) => c.cursor)).toEqual([null, 'c1', 'c2']);
    expect(h.delivered.map((u) => u.imageId)).toEqual(['i_1', 'i_2']);
  });

  it('when the page is hidden, then nothing is fetched; shown again, the stream resumes from the cursor', async () => {
    const h = harness();
    h.live.start();
    await flush();
    h.streams[0]!.write(sse(update('i_1', 1), 'c1'));
    await flush();
    h.setHidden(true);
    await flush();
    expect(h.live.state).toBe('paused');
    await vi.advanceTimersByTimeAsync(120_000);
    expect(h.streamCursors).toEqual([null]);
    expect(h.pollCalls).toEqual([]);
    h.setHidden(false);
    await flush();
    expect(h.streamCursors).toEqual([null, 'c1']);
    expect(h.live.state).toBe('live');
  });

  it('when the token is refused, then the app is told and nothing more is tried', async () => {
    const h = harness();
    h.failStreams(true);
    h.pollAnswers.push({ kind: 'unauthenticated' });
    h.live.start();
    await flush();
    expect(h.onUnauthenticated).toHaveBeenCalledOnce();
    expect(h.live.state).toBe('stopped');
    await vi.advanceTimersByTimeAsync(300_000);
    expect(h.pollCalls.length).toBe(1);
    expect(h.streamCursors.length).toBe(1);
  });
});

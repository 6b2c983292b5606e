import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { controlledStream } from './testing/controlled-stream';
import { createLiveStream, type LiveState, type LiveStreamDeps } from './live-stream';
import type { SseEvent } from './sse-parser';

function harness(overrides: Partial<LiveStreamDeps> = {}) {
  const streams: ReturnType<typeof controlledStream>[] = [];
  const lastEventIds: (string | null)[] = [];
  const events: SseEvent[] = [];
  const states: LiveState[] = [];
  let polls = 0;
  let streamStatus = 200;
  const live = createLiveStream({
    openStream(lastEventId) {
      lastEventIds.push(lastEventId);
      if (streamStatus !== 200) return Promise.resolve(new Response('no', { status: streamStatus }));
      const stream = controlledStream();
      streams.push(stream);
      return Promise.resolve(stream.response);
    },
    onEvent: (event) => events.push(event),
    poll: () => (polls++, Promise.resolve('done')),
    pollDelayMs: () => 1000,
    streamRetry: { baseMs: 10_000, maxMs: 60_000 },
    onState: (state) => states.push(state),
    random: () => 1,
    ...overrides,
  });
  return {
    live,
    streams,
    lastEventIds,
    events,
    states,
    polls: () => polls,
    answerStreams: (status: number) => void (streamStatus = status),
  };
}

const flush = () => vi.advanceTimersByTimeAsync(0);

/** A started live stream whose stream answers `status`, after its first attempt. */
async function startedAnswering(status: number, overrides: Partial<LiveStreamDeps> = {}) {
  const h = harness(overrides);
  h.answerStreams(status);
  h.live.start();
  await flush();
  return h;
}

describe('the live stream', () => {
  beforeEach(() => void vi.useFakeTimers());
  afterEach(() => void vi.useRealTimers());

  it('when the stream is cut, then it polls at the interval until the stream is back, resumed with Last-Event-ID', async () => {
    const h = harness();
    h.live.start();
    await flush();
    h.streams[0]!.write('id: 7\nevent: image\ndata: {}\n\n');
    await flush();
    expect(h.events.map((e) => e.event)).toEqual(['image']);
    expect(h.live.cursor).toBe('7');
    h.streams[0]!.cut();
    await flush();
    expect(h.polls()).toBe(1);
    await vi.advanceTimersByTimeAsync(1000);
    expect(h.polls()).toBe(2);
    await vi.advanceTimersByTimeAsync(9000);
    expect(h.lastEventIds).toEqual([null, '7']);
    const polls = h.polls();
    await vi.advanceTimersByTimeAsync(5000);
    expect(h.polls()).toBe(polls);
    expect(h.states).toEqual(['connecting', 'live', 'polling', 'live']);
  });

  it('when the stream answers 401 and the app handles it, then everything stops and the app is told', async () => {
    const onUnauthenticated = vi.fn();
    const h = await startedAnswering(401, { onUnauthenticated });
    expect(onUnauthenticated).toHaveBeenCalledOnce();
    expect(h.live.state).toBe('stopped');
    await vi.advanceTimersByTimeAsync(60_000);
    expect(h.lastEventIds.length).toBe(1);
    expect(h.polls()).toBe(0);
  });

  it('when the stream answers 401 and the app does not handle it, then it is one more failure: polling goes on', async () => {
    const h = await startedAnswering(401);
    expect(h.live.state).toBe('polling');
    expect(h.polls()).toBe(1);
  });

  it('when stopped, then nothing more is fetched', async () => {
    const h = await startedAnswering(503);
    h.live.stop();
    const polls = h.polls();
    await vi.advanceTimersByTimeAsync(120_000);
    expect(h.polls()).toBe(polls);
    expect(h.lastEventIds.length).toBe(1);
    expect(h.states.at(-1)).toBe('stopped');
  });
});

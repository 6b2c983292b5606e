import type { Stats } from './latency';

export interface StreamCounts {
  /** Streams open right now. */
  open: number;
  opened: number;
  /** `update` events received. */
  events: number;
  /** Streams the server ended or broke while the soak ran (a phone on a healthy system keeps its stream). */
  drops: number;
}

export interface PhoneStreamDeps {
  backend: string;
  token: string;
  rng: () => number;
  running: () => boolean;
  stats: Stats;
  counts: StreamCounts;
}

const sleep = (ms: number) => new Promise<void>((r) => setTimeout(r, ms));

/**
 * A phone on `/me/updates/stream`: it keeps a stream for 30 s to 3 min (a phone changes network, locks, comes back),
 * then reconnects with the Last-Event-ID it got, as EventSource does. Opening is timed as `stream-open` (to the
 * response headers).
 */
export async function phoneStream(deps: PhoneStreamDeps, firstDelay: () => Promise<void>): Promise<void> {
  const { stats, counts } = deps;
  let lastEventId: string | null = null;
  await firstDelay();
  while (deps.running()) {
    const abort = new AbortController();
    const lifetime = setTimeout(() => abort.abort(), 30_000 + deps.rng() * 150_000);
    const stop = setInterval(() => deps.running() || abort.abort(), 1_000);
    try {
      const res = await stats.time(
        'stream-open',
        () =>
          fetch(`${deps.backend}/me/updates/stream`, {
            headers: {
              authorization: `Bearer ${deps.token}`,
              accept: 'text/event-stream',
              ...(lastEventId ? { 'last-event-id': lastEventId } : {}),
            },
            signal: abort.signal,
          }),
        (r) => r.status === 200,
      );
      if (res?.status !== 200 || !res.body) {
        await res?.body?.cancel();
        await sleep(3_000);
        continue;
      }
      counts.open++;
      counts.opened++;
      try {
        let buffer = '';
        const reader = res.body.pipeThrough(new TextDecoderStream()).getReader();
        for (let read = await reader.read(); !read.done; read = await reader.read()) {
          buffer += read.value;
          const frames = buffer.split('\n\n');
          buffer = frames.pop()!;
          for (const frame of frames) {
            if (/^event: update$/m.test(frame)) counts.events++;
            const id = /^id: (.+)$/m.exec(frame)?.[1];
            if (id) lastEventId = id;
          }
        }
        // The server ended the stream on its own.
        if (deps.running()) counts.drops++;
      } catch (err) {
        if (!abort.signal.aborted) counts.drops++;
        else if ((err as Error).name !== 'AbortError') throw err;
      } finally {
        counts.open--;
      }
    } finally {
      clearTimeout(lifetime);
      clearInterval(stop);
    }
    await sleep(500 + deps.rng() * 2_500);
  }
}

import type { Request, Response } from 'express';
import type { HubSignal, UpdateHub } from './update-hub';

export interface SseEvent {
  event: string;
  data: unknown;
  id?: string;
}

/** Writes one event to the stream (nothing once it has ended). */
export type SseWrite = (event: SseEvent) => void;

/**
 * One kind of change on a stream: a round writes what changed since the last one, at most one page, and answers true
 * when the page was full (another round follows at once). `end` closes the stream.
 */
export type SseRound = (write: SseWrite, end: () => void) => Promise<boolean | void>;

export interface SseOptions {
  hub: UpdateHub;
  /** The hub key whose signals wake the rounds: a visitor id, an upload intent id. */
  key: string;
  /** The rounds by the signal that wakes them. Every round also runs at open and on each recheck. */
  rounds: Partial<Record<HubSignal, SseRound>>;
  /** How often every round runs anyway: changes made by another instance arrive too. */
  streamRecheckMs: number;
  streamHeartbeatMs: number;
}

/** What a route that opens streams needs: the wake-up registry and the stream timings. */
export type StreamDeps = Pick<SseOptions, 'hub' | 'streamRecheckMs' | 'streamHeartbeatMs'>;

/**
 * The one SSE engine: opens the stream (`retry: 3000`), runs its rounds when the hub wakes them, on a recheck timer
 * and at open, writes a `: keep-alive` comment every heartbeat, and ends when the service drains (clients reconnect
 * elsewhere and resume from their Last-Event-ID). Rounds of one kind never overlap and no wake-up is lost: a wake-up
 * during a round makes one more round follow. Back-pressure: once the socket buffer is full, no round starts and no
 * heartbeat is written until it drains, so a slow client holds at most one page per round, never an unbounded queue.
 * A failed round ends the stream with an error.
 */
export async function openSse(req: Request, res: Response, options: SseOptions): Promise<void> {
  // A client that hung up during the route's reads has had its 'close' already: nothing would end this stream.
  if (req.socket.destroyed) return;
  res.status(200).set({
    'Content-Type': 'text/event-stream; charset=utf-8',
    'Cache-Control': 'no-cache, no-transform',
    'X-Accel-Buffering': 'no',
    Connection: 'keep-alive',
  });
  res.flushHeaders();
  let waiting = false;
  const writeRaw = (text: string) => {
    if (res.writableEnded || res.destroyed || res.write(text) || waiting) return;
    waiting = true;
    res.once('drain', () => {
      waiting = false;
      runAll();
    });
  };
  const write: SseWrite = ({ event, data, id }) =>
    writeRaw(`${id === undefined ? '' : `id: ${id}\n`}event: ${event}\ndata: ${JSON.stringify(data)}\n\n`);
  const end = () => void res.end();
  const runners = new Map(Object.entries(options.rounds).map(([signal, round]) => [signal, pump(round)]));
  const runAll = () => Promise.all([...runners.values()].map((run) => run()));

  function pump(round: SseRound): () => Promise<void> {
    let busy = false;
    let again = false;
    return async () => {
      if (busy || waiting) return void (again = true);
      busy = true;
      try {
        do {
          again = false;
          if ((await round(write, end)) === true) again = true;
        } while (again && !waiting && !res.writableEnded);
      } catch (err) {
        res.destroy(err instanceof Error ? err : undefined);
      } finally {
        busy = false;
      }
    };
  }

  writeRaw('retry: 3000\n\n');
  const unsubscribe = options.hub.subscribe(options.key, (signal) => void runners.get(signal)?.());
  const stopDraining = options.hub.onDrain(end);
  const recheck = setInterval(runAll, options.streamRecheckMs);
  const heartbeat = setInterval(() => waiting || writeRaw(': keep-alive\n\n'), options.streamHeartbeatMs);
  res.on('close', () => {
    unsubscribe();
    stopDraining();
    clearInterval(recheck);
    clearInterval(heartbeat);
  });
  await runAll();
}

/**
 * The load driver of the updates-poll benchmark, run in a worker thread by `updates-poll.bench.ts`: either a closed
 * loop of conditional polls (throughput), or phones polling on a fixed interval (an open loop: the schedule does not
 * wait for the server, so a slow answer delays nothing but itself and latency counts from when the poll was due).
 */
import { parentPort, workerData } from 'node:worker_threads';
import { closedLoop, type LoopResult } from './lib/closed-loop';
import type { WorkerReply } from './lib/in-worker';
import { keepAliveClient, type KeepAliveClient } from './lib/keep-alive-client';

/** One phone's poll: its URL and headers (token, If-None-Match); the answer must be 304. */
export interface Poller {
  url: string;
  headers: Record<string, string>;
}

export type PollScenario =
  | { kind: 'closed'; pollers: Poller[]; concurrency: number; warmupMs: number; durationMs: number }
  | {
      kind: 'phones';
      pollers: Poller[];
      phones: number;
      intervalMs: number;
      /** Sockets the phones share (a phone's poll waits for a free one, and that wait counts). */
      sockets: number;
      durationMs: number;
    };

export interface PhonesResult {
  /** Polls due in the measured window, answered 304, and failed (anything else, or no answer). */
  due: number;
  completed: number;
  errors: number;
  firstError: string | null;
  elapsedMs: number;
  /** Latency of each answered poll from when it was due, in ms. */
  latencies: number[];
}

export type PollOutcome = { kind: 'closed'; measured: LoopResult } | { kind: 'phones'; result: PhonesResult };

async function run(scenario: PollScenario): Promise<PollOutcome> {
  if (scenario.kind === 'closed') {
    const client = keepAliveClient(scenario.concurrency);
    try {
      let next = 0;
      const cycle = async () => {
        await pollOnce(client, scenario.pollers[next++ % scenario.pollers.length]!);
        return {};
      };
      const base = { concurrency: scenario.concurrency, cycle, maxCount: 50_000_000 };
      await closedLoop({ ...base, durationMs: scenario.warmupMs });
      return { kind: 'closed', measured: await closedLoop({ ...base, durationMs: scenario.durationMs }) };
    } finally {
      client.close();
    }
  }
  return { kind: 'phones', result: await phones(scenario) };
}

/**
 * Each phone polls every `intervalMs` from a random phase. The first interval is the ramp (every phone has made one
 * poll); the `durationMs` after it are measured.
 */
async function phones(s: Extract<PollScenario, { kind: 'phones' }>): Promise<PhonesResult> {
  const client = keepAliveClient(s.sockets);
  const result: PhonesResult = {
    due: 0,
    completed: 0,
    errors: 0,
    firstError: null,
    elapsedMs: s.durationMs,
    latencies: [],
  };
  const start = performance.now();
  const measureFrom = start + s.intervalMs;
  const end = measureFrom + s.durationMs;
  const inFlight = new Set<Promise<void>>();
  const timers: NodeJS.Timeout[] = [];
  const pollAt = (phone: number, due: number) => {
    if (due >= end) return;
    const delay = Math.max(0, due - performance.now());
    timers[phone] = setTimeout(() => {
      pollAt(phone, due + s.intervalMs);
      const measured = due >= measureFrom;
      if (measured) result.due++;
      const done = pollOnce(client, s.pollers[phone % s.pollers.length]!).then(
        () => {
          if (!measured) return;
          result.completed++;
          result.latencies.push(performance.now() - due);
        },
        (err: unknown) => {
          if (!measured) return;
          result.errors++;
          result.firstError ??= err instanceof Error ? err.message : String(err);
        },
      );
      inFlight.add(done);
      void done.finally(() => inFlight.delete(done));
    }, delay);
  };
  for (let phone = 0; phone < s.phones; phone++) pollAt(phone, start + Math.random() * s.intervalMs);
  await new Promise((resolve) => setTimeout(resolve, end - performance.now()));
  for (const timer of timers) clearTimeout(timer);
  await Promise.all(inFlight);
  client.close();
  return result;
}

async function pollOnce(client: KeepAliveClient, poller: Poller): Promise<void> {
  const res = await client.request('GET', poller.url, { headers: poller.headers });
  if (res.status !== 304) throw new Error(`poll answered ${res.status}, not 304`);
}

if (parentPort) {
  const port = parentPort;
  run(workerData as PollScenario).then(
    (result) => port.postMessage({ ok: true, result } satisfies WorkerReply<PollOutcome>),
    (err: unknown) =>
      port.postMessage({
        ok: false,
        error: err instanceof Error ? (err.stack ?? err.message) : String(err),
      } satisfies WorkerReply<PollOutcome>),
  );
}

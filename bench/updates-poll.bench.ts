import type { BenchContext, Benchmark } from './lib/benchmark';
import { startBenchSystem, type BenchSystem } from './lib/embedded-system';
import { runInWorker } from './lib/in-worker';
import { startNotModifiedServer } from './lib/not-modified-server';
import type { PhonesResult, PollOutcome, Poller, PollScenario } from './updates-poll.load';
import type { LoopResult } from './lib/closed-loop';
import { held, mergeLoops, report, type PhoneStep } from './updates-poll.report';

const LOAD_WORKER = new URL('./updates-poll.load.ts', import.meta.url);
/** Distinct participants the polls cycle through. */
const PARTICIPANTS = 200;
const INTERVAL_MS = 3000;
/** The closed loops run in this many turns each, alternating. */
const ROUNDS = 3;
/** Sockets the phones share: a venue's phones reach the service through a front end that pools connections. */
const SOCKETS = 256;
/** The search for the most phones held: doubling from the first count, then halving the gap a few times. */
const FIRST_PHONES = 500;
const MAX_PHONES = 64_000;
const REFINEMENTS = 3;

export const updatesPollBenchmark: Benchmark = {
  name: 'updates-poll',
  title: 'GET /me/updates answered 304, and how many phones polling every 3 s it holds',
  async run(ctx) {
    // Registration is how the phones get their tokens here; its per-address limit would refuse most of them.
    const bench = await startBenchSystem({ SELF_REGISTRATION: 'true', RATE_REGISTER_PER_MINUTE: '0' });
    try {
      ctx.log(`registering ${PARTICIPANTS} participants`);
      const pollers = await seedPollers(bench);

      const etag = '"u.0"';
      const anchorServer = await startNotModifiedServer(etag);
      const anchorPoller = [{ url: anchorServer.url, headers: { 'if-none-match': etag } }];
      // The two closed loops take turns, so a change in the machine's load (it is shared) touches both alike.
      const slice = { ...ctx, seconds: ctx.seconds / ROUNDS };
      const turns: { anchor: LoopResult[]; ours: LoopResult[] } = { anchor: [], ours: [] };
      try {
        for (let round = 1; round <= ROUNDS && !ctx.signal.aborted; round++) {
          ctx.log(`round ${round}/${ROUNDS}: anchor, node:http answering 304`);
          turns.anchor.push(await closed(slice, anchorPoller));
          ctx.log(`round ${round}/${ROUNDS}: ours, GET /me/updates answered 304`);
          turns.ours.push(await closed(slice, pollers));
        }
      } finally {
        await anchorServer.close();
      }
      const anchor = mergeLoops(turns.anchor);
      const ours = mergeLoops(turns.ours);

      ctx.log('phones polling every 3 s');
      const steps = await searchPhones(ctx, pollers);
      return report(ctx, {
        ours,
        anchor,
        steps,
        participants: PARTICIPANTS,
        sockets: SOCKETS,
        rounds: ROUNDS,
      });
    } finally {
      await bench.stop();
    }
  },
};

/** Participants registered as a kiosk does, each with the ETag of its (empty) feed, as a phone holds it. */
async function seedPollers(bench: BenchSystem): Promise<Poller[]> {
  const url = `${bench.system.urls.backend}/me/updates`;
  const pollers: Poller[] = [];
  for (let i = 0; i < PARTICIPANTS; i++) {
    const registered = await fetch(`${bench.system.urls.backend}/participants/register`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ displayName: `Phone ${i}` }),
    });
    if (registered.status !== 201)
      throw new Error(`register answered ${registered.status}: ${await registered.text()}`);
    const { participantToken } = (await registered.json()) as { participantToken: string };
    const authorization = `Bearer ${participantToken}`;
    const first = await fetch(url, { headers: { authorization } });
    await first.arrayBuffer();
    const etag = first.headers.get('etag');
    if (first.status !== 200 || !etag) throw new Error(`first poll answered ${first.status} without an ETag`);
    pollers.push({ url, headers: { authorization, 'if-none-match': etag } });
  }
  return pollers;
}

async function closed(ctx: BenchContext, pollers: Poller[]) {
  const scenario: PollScenario = {
    kind: 'closed',
    pollers,
    concurrency: ctx.concurrency,
    warmupMs: ctx.warmupSeconds * 1000,
    durationMs: ctx.seconds * 1000,
  };
  const outcome = await inWorker(ctx, scenario, scenario.warmupMs + scenario.durationMs);
  if (outcome.kind !== 'closed') throw new Error('the driver answered another scenario');
  const { completed, errors, firstError } = outcome.measured;
  if (completed === 0 || errors > 0.01 * (completed + errors))
    throw new Error(`${errors} of ${completed + errors} polls failed (first: ${firstError})`);
  return outcome.measured;
}

async function phones(ctx: BenchContext, pollers: Poller[], count: number): Promise<PhonesResult> {
  const scenario: PollScenario = {
    kind: 'phones',
    pollers,
    phones: count,
    intervalMs: INTERVAL_MS,
    sockets: SOCKETS,
    durationMs: ctx.seconds * 1000,
  };
  const outcome = await inWorker(ctx, scenario, INTERVAL_MS + scenario.durationMs);
  if (outcome.kind !== 'phones') throw new Error('the driver answered another scenario');
  return outcome.result;
}

/** Doubles the phones until a count is not held, then narrows the gap between the last held and the first not. */
async function searchPhones(ctx: BenchContext, pollers: Poller[]): Promise<PhoneStep[]> {
  const steps: PhoneStep[] = [];
  const step = async (count: number) => {
    const s = { phones: count, result: await phones(ctx, pollers, count) };
    steps.push(s);
    ctx.log(`${count} phones: ${held(s) ? 'held' : 'not held'}`);
    return held(s);
  };
  let good = 0;
  let bad = 0;
  for (let count = FIRST_PHONES; count <= MAX_PHONES && !ctx.signal.aborted; count *= 2) {
    if (await step(count)) good = count;
    else {
      bad = count;
      break;
    }
  }
  for (let i = 0; i < REFINEMENTS && bad > 0 && !ctx.signal.aborted; i++) {
    const middle = Math.round((good + bad) / 2 / 50) * 50;
    if (middle <= good || middle >= bad) break;
    if (await step(middle)) good = middle;
    else bad = middle;
  }
  return steps;
}

function inWorker(ctx: BenchContext, scenario: PollScenario, runMs: number): Promise<PollOutcome> {
  return runInWorker<PollOutcome>(LOAD_WORKER, scenario, { timeoutMs: runMs + 60_000, signal: ctx.signal });
}

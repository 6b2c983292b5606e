/**
 * The load driver of the one-time URL benchmark, run in a worker thread by `one-time-url.bench.ts`: one scenario per
 * worker, a warm-up, then a measured closed loop. Every row of the report is measured by this same driver.
 */
import { parentPort, workerData } from 'node:worker_threads';
import { closedLoop, type LoopResult } from './lib/closed-loop';
import type { WorkerReply } from './lib/in-worker';
import { keepAliveClient, type KeepAliveClient } from './lib/keep-alive-client';

interface Issuer {
  backendUrl: string;
  imageId: string;
  participantToken: string;
}

export type OneTimeUrlScenario =
  /** What a phone does: ask the backend for a one-time URL, then fetch the image from it. */
  | ({ kind: 'issue-redeem'; expectedBytes: number } & Issuer)
  /**
   * Only the fetch, from URLs issued before the clock starts: each works once, so a pool of `poolSize`, issued for
   * at most `poolTimeLimitMs`.
   */
  | ({ kind: 'redeem-only'; expectedBytes: number; poolSize: number; poolTimeLimitMs: number } & Issuer)
  /** A plain GET of one URL, for the anchor. */
  | { kind: 'static-get'; url: string; expectedBytes: number };

export interface LoadPlan {
  scenario: OneTimeUrlScenario;
  concurrency: number;
  warmupMs: number;
  durationMs: number;
  maxCount: number;
}

export interface LoadOutcome {
  warmup: { completed: number; errors: number };
  measured: LoopResult;
  /** For `redeem-only`: the URLs issued before measuring, how long that took, and the issues that failed. */
  pool: { urls: number; ms: number; errors: number } | null;
}

async function run(plan: LoadPlan): Promise<LoadOutcome> {
  const client = keepAliveClient(plan.concurrency);
  try {
    const { scenario } = plan;
    switch (scenario.kind) {
      case 'issue-redeem': {
        const cycle = async () => {
          const t0 = performance.now();
          const url = await issue(client, scenario);
          const t1 = performance.now();
          await fetchWhole(client, url, scenario.expectedBytes);
          return { issue: t1 - t0, redeem: performance.now() - t1 };
        };
        return await warmThenMeasure(plan, cycle, plan.maxCount, null);
      }
      case 'redeem-only': {
        const t0 = performance.now();
        const urls: string[] = [];
        const issued = await closedLoop({
          concurrency: plan.concurrency,
          durationMs: scenario.poolTimeLimitMs,
          maxCount: scenario.poolSize,
          cycle: async () => {
            urls.push(await issue(client, scenario));
            return {};
          },
        });
        const pool = { urls: urls.length, ms: performance.now() - t0, errors: issued.errors };
        let next = 0;
        const cycle = async () => {
          await fetchWhole(client, urls[next++]!, scenario.expectedBytes);
          return {};
        };
        // The warm-up takes its share of the pool by time, the measured loop the rest; neither reads past the end.
        const warmupShare = Math.floor((urls.length * plan.warmupMs) / (plan.warmupMs + plan.durationMs));
        return await warmThenMeasure(plan, cycle, urls.length, pool, warmupShare);
      }
      case 'static-get': {
        const cycle = async () => {
          await fetchWhole(client, scenario.url, scenario.expectedBytes);
          return {};
        };
        return await warmThenMeasure(plan, cycle, plan.maxCount, null);
      }
    }
  } finally {
    client.close();
  }
}

async function warmThenMeasure(
  plan: LoadPlan,
  cycle: () => Promise<Record<string, number>>,
  available: number,
  pool: LoadOutcome['pool'],
  warmupCount = available,
): Promise<LoadOutcome> {
  const base = { concurrency: plan.concurrency, cycle };
  const warm = await closedLoop({
    ...base,
    durationMs: plan.warmupMs,
    maxCount: Math.min(warmupCount, plan.maxCount),
  });
  const used = warm.completed + warm.errors;
  const measured = await closedLoop({
    ...base,
    durationMs: plan.durationMs,
    maxCount: Math.min(available - used, plan.maxCount),
  });
  return { warmup: { completed: warm.completed, errors: warm.errors }, measured, pool };
}

async function issue(client: KeepAliveClient, issuer: Issuer): Promise<string> {
  const res = await client.request(
    'POST',
    `${issuer.backendUrl}/images/${encodeURIComponent(issuer.imageId)}/url`,
    {
      headers: { authorization: `Bearer ${issuer.participantToken}`, 'content-type': 'application/json' },
      // The original as uploaded: the pipeline's derivatives differ in size, and this measures the 200 KB file.
      body: '{"variant":"original"}',
      keepBody: true,
    },
  );
  if (res.status !== 201)
    throw new Error(`issue answered ${res.status}: ${res.body?.toString('utf8').slice(0, 200)}`);
  return (JSON.parse(res.body!.toString('utf8')) as { url: string }).url;
}

/** GET reading the whole body; anything but 200 with every byte is an error. */
async function fetchWhole(client: KeepAliveClient, url: string, expectedBytes: number): Promise<void> {
  const res = await client.request('GET', url);
  if (res.status !== 200 || res.bytes !== expectedBytes) {
    throw new Error(`GET answered ${res.status} with ${res.bytes} of ${expectedBytes} bytes`);
  }
}

if (parentPort) {
  const port = parentPort;
  run(workerData as LoadPlan).then(
    (result) => port.postMessage({ ok: true, result } satisfies WorkerReply<LoadOutcome>),
    (err: unknown) =>
      port.postMessage({
        ok: false,
        error: err instanceof Error ? (err.stack ?? err.message) : String(err),
      } satisfies WorkerReply<LoadOutcome>),
  );
}

import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { SUBSCRIPTIONS } from '@photo/shared/events/topology';
import { noisyJpeg } from '@photo/shared/testing/images';
import type { BenchContext, Benchmark } from './lib/benchmark';
import { startBenchSystem, type BenchSystem } from './lib/embedded-system';
import { runInWorker } from './lib/in-worker';
import { sampleRss } from './lib/rss-sampler';
import { findNginx, startNginxStatic } from './lib/nginx-static';
import { startStaticFileServer } from './lib/static-file-server';
import type { LoadOutcome, LoadPlan, OneTimeUrlScenario } from './one-time-url.load';
import { mergePhases, report, type NginxPhase, type Phase } from './one-time-url.report';

/** 576×432 of noise at quality 90 is about 200 KiB; checked below, since sharp's encoder decides. */
const PHOTO = { width: 576, height: 432, seed: 7, minBytes: 190 * 1024, maxBytes: 210 * 1024 };
/** Each phase runs in this many turns, alternating with the others. */
const ROUNDS = 3;
/** Per phase, whatever the duration: bounds the latency arrays. */
const MAX_CYCLES = 2_000_000;
const MAX_POOL = 500_000;
/** Issuing the redeem-only pool stops here even if the pool is not full. */
const POOL_TIME_LIMIT_MS = 120_000;
/** Error budget of a measured phase before the benchmark fails instead of reporting. */
const MAX_ERROR_RATE = 0.01;
const LOAD_WORKER = new URL('./one-time-url.load.ts', import.meta.url);
/** What the image server sends with an image, minus what is per answer: both anchors send these. */
const ANCHOR_HEADERS = {
  'content-type': 'image/jpeg',
  'cache-control': 'private, no-store',
  'x-content-type-options': 'nosniff',
  'accept-ranges': 'none',
};

export const oneTimeUrlBenchmark: Benchmark = {
  name: 'one-time-url',
  title: 'one-time URL issue + redeem of a 200 KB image',
  async run(ctx) {
    const photo = await noisyJpeg(PHOTO.width, PHOTO.height, PHOTO.seed);
    if (photo.length < PHOTO.minBytes || photo.length > PHOTO.maxBytes) {
      throw new Error(`test photo is ${photo.length} bytes, outside ${PHOTO.minBytes}–${PHOTO.maxBytes}`);
    }
    ctx.log(`photo: ${PHOTO.width}x${PHOTO.height} noisy JPEG, ${photo.length} bytes`);

    // Links live an hour so URLs issued for the redeem-only pool do not expire before they are used. One participant
    // stands in for a whole venue of phones, so its per-caller limit is raised out of reach: still counted, never hit.
    const bench = await startBenchSystem({
      LINK_TTL_SECONDS: '3600',
      SELF_REGISTRATION: 'true',
      RATE_IMAGE_URLS_PER_MINUTE: '1000000000',
    });
    try {
      const fixture = await seedPhoto(bench, photo);
      const issuer = { backendUrl: bench.system.urls.backend, ...fixture, expectedBytes: photo.length };

      const file = join(bench.dataDir, 'anchor.jpg');
      await writeFile(file, photo);
      const anchorServer = await startStaticFileServer(file, ANCHOR_HEADERS);
      const found = findNginx();
      const nginxServer = found ? await startNginxStatic(file, ANCHOR_HEADERS, bench.dataDir) : null;
      if (!found) ctx.log('no nginx on PATH: its anchor is skipped');
      // The phases take turns in rounds, so a change in the machine's load (it is shared) touches every row alike.
      const slice = { ...ctx, seconds: ctx.seconds / ROUNDS };
      const slices: { anchor: Phase[]; nginx: Phase[]; cycle: Phase[]; redeem: Phase[] } = {
        anchor: [],
        nginx: [],
        cycle: [],
        redeem: [],
      };
      try {
        for (let round = 1; round <= ROUNDS && !ctx.signal.aborted; round++) {
          ctx.log(`round ${round}/${ROUNDS}: anchor, node:http static file`);
          const get = { kind: 'static-get', expectedBytes: photo.length } as const;
          slices.anchor.push(await phase(slice, { ...get, url: anchorServer.url }));
          if (nginxServer) {
            ctx.log(`round ${round}/${ROUNDS}: anchor, ${found!.version} with sendfile`);
            slices.nginx.push(await phase(slice, { ...get, url: nginxServer.url }));
          }
          ctx.log(`round ${round}/${ROUNDS}: issue + redeem cycle`);
          slices.cycle.push(await phase(slice, { kind: 'issue-redeem', ...issuer }));
          // The anchor's rate bounds the redeem-only rate, which sizes the pool of URLs issued for it.
          const poolSize = redeemPoolSize(slice, slices.anchor.at(-1)!.outcome);
          ctx.log(`round ${round}/${ROUNDS}: redeem only (issuing a pool of ${poolSize} URLs first)`);
          slices.redeem.push(
            await phase(slice, {
              kind: 'redeem-only',
              ...issuer,
              poolSize,
              poolTimeLimitMs: POOL_TIME_LIMIT_MS,
            }),
          );
        }
      } finally {
        await anchorServer.close();
        await nginxServer?.close();
      }
      const anchor = mergePhases(slices.anchor);
      const cycle = mergePhases(slices.cycle);
      const redeem = mergePhases(slices.redeem);
      const nginx: NginxPhase | null = found
        ? { version: found.version, phase: mergePhases(slices.nginx) }
        : null;
      return report(ctx, photo.length, { cycle, redeem, anchor, nginx }, ROUNDS);
    } finally {
      await bench.stop();
    }
  },
};

/** A participant (self-registered, as at a kiosk) with one photo uploaded by staff. */
async function seedPhoto(
  bench: BenchSystem,
  photo: Buffer,
): Promise<{ imageId: string; participantToken: string }> {
  const { system } = bench;
  const registered = await fetch(`${system.urls.backend}/participants/register`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ displayName: 'Bench Participant' }),
  });
  if (registered.status !== 201)
    throw new Error(`register answered ${registered.status}: ${await registered.text()}`);
  const created = (await registered.json()) as {
    participant: { visitorId: string; photoImageId: string };
    participantToken: string;
  };
  const staff = await system.idp.accessToken({
    role: 'staff',
    subject: 'bench|staff',
    audience: system.audience,
  });
  const upload = await fetch(`${system.urls.backend}/participants/${created.participant.visitorId}/photo`, {
    method: 'PUT',
    headers: { authorization: `Bearer ${staff}`, 'content-type': 'image/jpeg' },
    body: new Uint8Array(photo),
  });
  if (upload.status !== 201)
    throw new Error(`photo upload answered ${upload.status}: ${await upload.text()}`);
  // Let the pipeline finish with the upload (palette, derivatives) before the clock starts, so its pixel work does
  // not run inside a measurement. The system consumes every subscription, as the test harness relies on too.
  await system.bus!.drained(
    SUBSCRIPTIONS.map((s) => s.name),
    60_000,
  );
  return { imageId: created.participant.photoImageId, participantToken: created.participantToken };
}

async function phase(ctx: BenchContext, scenario: OneTimeUrlScenario): Promise<Phase> {
  const plan: LoadPlan = {
    scenario,
    concurrency: ctx.concurrency,
    warmupMs: ctx.warmupSeconds * 1000,
    durationMs: ctx.seconds * 1000,
    maxCount: MAX_CYCLES,
  };
  // A redeem-only phase first issues its pool inside the worker; then every phase warms up and measures.
  const timeoutMs = POOL_TIME_LIMIT_MS + plan.warmupMs + plan.durationMs + 30_000;
  const rss = sampleRss();
  let peakRss = 0;
  const outcome = await runInWorker<LoadOutcome>(LOAD_WORKER, plan, {
    timeoutMs,
    signal: ctx.signal,
  }).finally(() => (peakRss = rss.stop()));
  const { completed, errors, firstError } = outcome.measured;
  if (completed === 0 || errors > MAX_ERROR_RATE * (completed + errors)) {
    throw new Error(
      `${scenario.kind}: ${errors} of ${completed + errors} cycles failed (first: ${firstError})`,
    );
  }
  return { outcome, peakRss };
}

/**
 * Enough pre-issued URLs to redeem through the warm-up and the whole turn: twice the anchor's rate in its last turn
 * (a redeem reads the file in one chunk, and has been faster than the anchor). Should the pool run out anyway, the
 * turn ends by count and says so; its rate stays right, counted over the time it actually ran.
 */
function redeemPoolSize(ctx: BenchContext, anchor: LoadOutcome): number {
  const m = anchor.measured;
  const anchorPerSecond = m.completed / (m.elapsedMs / 1000);
  const wanted = anchorPerSecond * 2 * (ctx.warmupSeconds + ctx.seconds);
  return Math.min(MAX_POOL, Math.max(ctx.concurrency * 20, Math.ceil(wanted)));
}

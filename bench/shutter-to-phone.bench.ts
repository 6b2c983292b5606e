import { monitorEventLoopDelay } from 'node:perf_hooks';
import type { Benchmark } from './lib/benchmark';
import { startBenchSystem, type BenchSystem } from './lib/embedded-system';
import { photoLikeJpeg } from './lib/photo-like';
import { runInWorker } from './lib/in-worker';
import type { Phone, ShutterOutcome, ShutterPlan } from './shutter-to-phone.load';
import { report } from './shutter-to-phone.report';

const LOAD_WORKER = new URL('./shutter-to-phone.load.ts', import.meta.url);
const RATE_PER_SECOND = 10;
/** Enough that a participant is photographed again only long after their last photo reached their phone. */
const PHONES = 150;
/** What the staff app sends: a still with its longer side at most 1600 px, JPEG quality 0.9. */
const PHOTO = { width: 1600, height: 1200 };
const EVENT_TIMEOUT_MS = 15_000;

export const shutterToPhoneBenchmark: Benchmark = {
  name: 'shutter-to-phone',
  title: 'staff photo PUT → update on the subscribed phone → its one-time URL fetched, at 10 uploads/s',
  async run(ctx) {
    // The staff member and the phones work faster than the per-caller limits allow (those are tested on their own).
    const bench = await startBenchSystem({
      RATE_UPLOADS_PER_MINUTE: '0',
      RATE_UPLOADS_PER_ADDRESS_PER_MINUTE: '0',
      RATE_IMAGE_URLS_PER_MINUTE: '0',
    });
    try {
      ctx.log(`importing ${PHONES} participants`);
      const phones = await importPhones(bench);
      const staffToken = await bench.system.idp.accessToken({
        role: 'staff',
        subject: 'bench|staff',
        audience: bench.system.audience,
      });
      const photo = new Uint8Array(await photoLikeJpeg(PHOTO.width, PHOTO.height, 11));
      const plan: ShutterPlan = {
        backend: bench.system.urls.backend,
        staffToken,
        phones,
        photo,
        ratePerSecond: RATE_PER_SECOND,
        warmupMs: ctx.warmupSeconds * 1000,
        durationMs: ctx.seconds * 1000,
        timeoutMs: EVENT_TIMEOUT_MS,
      };
      ctx.log(
        `${RATE_PER_SECOND} uploads/s for ${ctx.warmupSeconds + ctx.seconds} s, ${PHONES} phones subscribed`,
      );
      // The servers, the bus and the workers share this thread: how long it was held shows what they queued behind.
      const loop = monitorEventLoopDelay({ resolution: 10 });
      loop.enable();
      const outcome = await runInWorker<ShutterOutcome>(LOAD_WORKER, plan, {
        timeoutMs: plan.warmupMs + plan.durationMs + EVENT_TIMEOUT_MS + 60_000,
        signal: ctx.signal,
      }).finally(() => loop.disable());
      return report({
        outcome,
        ratePerSecond: RATE_PER_SECOND,
        phones: PHONES,
        photoBytes: photo.byteLength,
        warmupSeconds: ctx.warmupSeconds,
        seconds: ctx.seconds,
        loopDelayMs: { p50: loop.percentile(50) / 1e6, p99: loop.percentile(99) / 1e6, max: loop.max / 1e6 },
      });
    } finally {
      await bench.stop();
    }
  },
};

/** Participants as an operator imports them, each with the token their phone holds. */
async function importPhones(bench: BenchSystem): Promise<Phone[]> {
  const operator = await bench.system.idp.accessToken({
    role: 'operator',
    subject: 'bench|operator',
    audience: bench.system.audience,
  });
  const csv = ['displayName,email,externalRef']
    .concat(Array.from({ length: PHONES }, (_, i) => `P${i},p${i}@example.com,T-${i}`))
    .join('\n');
  const res = await fetch(`${bench.system.urls.backend}/participants/import`, {
    method: 'POST',
    headers: { authorization: `Bearer ${operator}`, 'content-type': 'text/csv' },
    body: `${csv}\n`,
  });
  if (res.status !== 201) throw new Error(`import answered ${res.status}: ${await res.text()}`);
  const { created } = (await res.json()) as {
    created: { participant: { visitorId: string; photoImageId: string }; participantToken: string }[];
  };
  return created.map((c) => ({ ...c.participant, token: c.participantToken }));
}

import { stat } from 'node:fs/promises';
import { tempDir } from '@photo/shared/testing/system-under-test';
import type { Benchmark } from './lib/benchmark';
import { sampleRss } from './lib/rss-sampler';
import { BURST_HEIGHT, BURST_WIDTH, burstImages } from './burst.images';
import { clusterLoop } from './burst.anchor';
import {
  groupPeakRss,
  postAll,
  startBurstRunner,
  stopRunner,
  storeCounts,
  untilClustered,
  type Posted,
} from './burst.driver';
import { report } from './burst.report';

/** Images in the burst: BENCH_BURST_IMAGES, 500 by default (20 to 50 while iterating on a busy machine). */
export function burstCount(env: NodeJS.ProcessEnv = process.env, fallback = 500): number {
  const raw = env.BENCH_BURST_IMAGES;
  if (raw === undefined || raw === '') return fallback;
  const n = Number(raw);
  if (!Number.isInteger(n) || n < 1 || n > 5000)
    throw new Error(`BENCH_BURST_IMAGES must be an integer from 1 to 5000, got "${raw}"`);
  return n;
}

export const burstBenchmark: Benchmark = {
  name: 'burst',
  title: 'N event images of 12 MP posted at once → all clustered, beside the clustering loop alone',
  async run(ctx) {
    const count = burstCount();
    const paths = await burstImages(count, ctx.log);
    let jpegBytes = 0;
    for (const path of paths) jpegBytes += (await stat(path)).size;

    ctx.log(`anchor: clustering ${count} images in one loop`);
    const rss = sampleRss();
    const anchorMs = await clusterLoop(paths, ctx.signal);
    const anchorPeakRss = rss.stop();

    const data = await tempDir('event-photo-bench-burst-');
    try {
      const burst = await startBurstRunner(data.dir);
      try {
        ctx.log(`ours: posting ${count} images at once`);
        const posted: Posted[] = paths.map((path, i) => ({
          key: `burst-${String(i).padStart(6, '0')}`,
          path,
          imageId: null,
          refusals: [],
        }));
        const started = performance.now();
        let acceptedAt = 0;
        let refused: unknown = null;
        const sending = postAll(burst, posted).then(
          () => (acceptedAt = performance.now()),
          (err: unknown) => (refused = err),
        );
        const clusteredAt = await untilClustered(
          burst,
          () => posted.flatMap((p) => (p.imageId ? [p.imageId] : [])),
          {
            timeoutMs: count * 60_000,
            everyMs: 250,
            done: () => {
              if (refused) throw refused;
              return acceptedAt > 0;
            },
          },
        );
        await sending;
        const systemPeakRss = await groupPeakRss(burst.runner);
        await stopRunner(burst.runner);
        return report({
          images: count,
          megapixels: (BURST_WIDTH * BURST_HEIGHT) / 1e6,
          jpegBytes,
          anchorMs,
          acceptedMs: acceptedAt - started,
          clusteredMs: clusteredAt - started,
          systemPeakRss,
          anchorPeakRss,
          refusals: posted.flatMap((p) => p.refusals),
          ...storeCounts(data.dir),
        });
      } finally {
        burst.runner.signalGroup('SIGKILL');
      }
    } finally {
      await data.remove();
    }
  },
};

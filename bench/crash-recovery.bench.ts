import { tempDir } from '@photo/shared/testing/system-under-test';
import { logLine, ready, startRunner } from '../services/local-runner/test/chaos/runner-process';
import type { Benchmark } from './lib/benchmark';
import { burstImages } from './burst.images';
import {
  RUNNER_ENV,
  eventStatuses,
  postAll,
  startBurstRunner,
  stopRunner,
  storeCounts,
  untilClustered,
  type Burst,
  type Posted,
} from './burst.driver';
import { report } from './crash-recovery.report';

/** A burst small enough that what is in flight at the kill is a few images, as a console's dropped folder is. */
const IMAGES = 12;
/** start-up recovery is an info line. */
const ENV = { LOG_LEVEL: 'info' };
const sleep = (ms: number) => new Promise<void>((r) => setTimeout(r, ms));

export const crashRecoveryBenchmark: Benchmark = {
  name: 'crash-recovery',
  title: 'kill -9 of the whole system during a burst of 12 MP images → restart → all in-flight work done',
  async run(ctx) {
    const paths = await burstImages(IMAGES, ctx.log);
    const data = await tempDir('event-photo-bench-crash-');
    let burst: Burst | null = null;
    try {
      burst = await startBurstRunner(data.dir, ENV);
      const posted: Posted[] = paths.map((path, i) => ({
        key: `crash-${String(i).padStart(6, '0')}`,
        path,
        imageId: null,
        refusals: [],
      }));
      ctx.log(`posting ${IMAGES} images at once; kill -9 once the first is clustered`);
      let alive = true;
      const sending = postAll(burst, posted, () => alive);
      for (;;) {
        const statuses = await eventStatuses(burst);
        if ([...statuses.values()].some((s) => s === 'clustered')) break;
        await sleep(50);
      }
      const statuses = await eventStatuses(burst);
      burst.runner.signalGroup('SIGKILL');
      alive = false;
      await burst.runner.exited;
      await sending.catch(() => undefined);
      await groupGone(burst.runner.child.pid!);
      const acceptedBeforeKill = posted.filter((p) => p.imageId).length;
      const clusteredBeforeKill = [...statuses.values()].filter((s) => s === 'clustered').length;

      ctx.log('restarting');
      const restartedAt = performance.now();
      const runner = startRunner(data.dir, burst.ports, { ...RUNNER_ENV, ...ENV });
      burst = { ...burst, runner };
      await ready(runner);
      const listeningAt = performance.now();
      await postAll(burst, posted);
      const doneAt = await untilClustered(burst, () => posted.map((p) => p.imageId!), {
        timeoutMs: 300_000,
        everyMs: 100,
      });
      const recovery = logLine(runner.output(), 'start-up recovery') as {
        recovery?: { reclaimedLeases?: Record<string, number> };
      } | null;
      const listed = await eventStatuses(burst);
      await stopRunner(runner);
      const sent = new Set(posted.map((p) => p.imageId!));
      const lostOrDuplicated = [
        ...[...sent].filter((id) => !listed.has(id)).map((id) => `${id} lost`),
        ...[...listed.keys()].filter((id) => !sent.has(id)).map((id) => `${id} not sent`),
        ...(sent.size < posted.length ? [`${posted.length - sent.size} sends became the same image`] : []),
      ];
      return report({
        images: IMAGES,
        acceptedBeforeKill,
        clusteredBeforeKill,
        listeningMs: listeningAt - restartedAt,
        doneMs: doneAt - restartedAt,
        reclaimedLeases: Object.values(recovery?.recovery?.reclaimedLeases ?? {}).reduce((a, b) => a + b, 0),
        lostOrDuplicated,
        deadLetters: storeCounts(data.dir).deadLetters,
      });
    } finally {
      burst?.runner.signalGroup('SIGKILL');
      await data.remove();
    }
  },
};

/** Until no process of the group is left (the data directory's lock goes with the last one). */
async function groupGone(pgid: number): Promise<void> {
  for (;;) {
    try {
      process.kill(-pgid, 0);
    } catch {
      return;
    }
    await sleep(20);
  }
}

import { parseArgs } from 'node:util';
import { tempDir } from '@photo/shared/testing/system-under-test';
import { runChaos } from './chaos-run';
import { percentiles, recoverySummary } from './recovery-summary';

/**
 * `npm run chaos -- [kills] [--seed N] [--keep]`: a long chaos run (SIGKILL of the whole `npm start` process group at
 * seeded moments under load, then a restart), printing what it counted. Exits 1 if anything was lost, duplicated,
 * left unfinished or littered, a one-time URL served twice, the store's integrity check failed, or a restart took
 * longer than 10 s to finish every pipeline.
 */
const { positionals, values } = parseArgs({
  allowPositionals: true,
  options: { seed: { type: 'string', default: '1' }, keep: { type: 'boolean', default: false } },
});
const kills = Number(positionals[0] ?? '20');
if (!Number.isInteger(kills) || kills < 1)
  throw new Error(`kills must be a positive integer, not ${positionals[0]}`);
const data = await tempDir('chaos-');
const report = await runChaos({
  kills,
  seed: Number(values.seed),
  dataDir: data.dir,
  progress: (line) => process.stdout.write(`${line}\n`),
});
const { recoveryMs, startMs, recoveredMs, loadAverage, reclaimedLeases, ...counts } = report;
const summary = recoverySummary({ recoveredMs, startMs, recoveryMs });
const load = [...loadAverage].sort((a, b) => a - b);
process.stdout.write(
  `${JSON.stringify(
    {
      ...counts,
      reclaimedLeasesTotal: reclaimedLeases.reduce((a, b) => a + b, 0),
      // From the spawn until every accepted image was clustered, split at the runner's start-up recovery line and
      // at listening; and the verdict against the 10 s budget per restart.
      ...summary,
      loadAverage: { min: load[0], p50: percentiles(load).p50, max: load.at(-1) },
      dataDir: values.keep ? data.dir : undefined,
    },
    null,
    2,
  )}\n`,
);
if (!values.keep) await data.remove();
const failed =
  report.lostOrDuplicated.length > 0 ||
  report.unfinished.length > 0 ||
  report.litter.length > 0 ||
  report.oneTimeReuse > 0 ||
  report.integrity !== 'ok' ||
  report.deadLetters > 0 ||
  report.exitCode !== 0 ||
  !summary.pass;
process.exit(failed ? 1 : 0);

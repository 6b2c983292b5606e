import { parseArgs } from 'node:util';
import { tempDir } from '@photo/shared/testing/system-under-test';
import { runChaos } from './chaos-run';

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
const sorted = [...report.recoveryMs].sort((a, b) => a - b);
const percentiles = (values: number[]) => {
  const s = [...values].sort((a, b) => a - b);
  const pct = (p: number) => s[Math.max(0, Math.ceil((p / 100) * s.length) - 1)] ?? 0;
  return { p50: pct(50), p90: pct(90), p95: pct(95), max: s.at(-1) ?? 0 };
};
const { recoveryMs, startMs, reclaimedLeases, ...counts } = report;
process.stdout.write(
  `${JSON.stringify(
    {
      ...counts,
      reclaimedLeasesTotal: reclaimedLeases.reduce((a, b) => a + b, 0),
      // From the spawn until every accepted image was clustered; split into the start (spawn to listening, the
      // process loading on a CPU it may share) and what start-up recovery and the pipelines took after it.
      recoveryMs: percentiles(recoveryMs),
      listeningMs: percentiles(startMs),
      afterListeningMs: percentiles(recoveryMs.map((ms, i) => ms - startMs[i]!)),
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
  (sorted.at(-1) ?? 0) > 10_000;
process.exit(failed ? 1 : 0);

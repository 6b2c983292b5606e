import { parseArgs } from 'node:util';
import { loadavg } from 'node:os';
import { tempDir } from '@photo/shared/testing/system-under-test';
import type { Summary } from './latency';
import { slopePerMinute } from './runner-memory';
import { runSoak, type MinuteReport } from './soak-run';

/**
 * `npm run soak -- --minutes N [--phones 300] [--streams 50] [--poll-ms 5000] [--photo-ms 2000]
 * [--event-image-ms 5000] [--url-ms 1000] [--snapshots 5,25] [--log-level warn] [--seed N] [--keep]`: the system as
 * `npm start` runs it under an event's steady load, printing the runner's memory and the requests' counts and
 * latencies every minute, then a summary and the RSS drift (the 10-minute mark against the mean of the last
 * 10 minutes). Exits 1 on any request error or on a drift beyond 5 %.
 */
const { values } = parseArgs({
  options: {
    minutes: { type: 'string', default: '5' },
    phones: { type: 'string', default: '300' },
    streams: { type: 'string', default: '50' },
    'poll-ms': { type: 'string', default: '5000' },
    'photo-ms': { type: 'string', default: '2000' },
    'event-image-ms': { type: 'string', default: '5000' },
    'url-ms': { type: 'string', default: '1000' },
    snapshots: { type: 'string', default: '' },
    seed: { type: 'string', default: '1' },
    // Requests are counted here; a log line per request costs the runner more than most requests do.
    'log-level': { type: 'string', default: 'warn' },
    keep: { type: 'boolean', default: false },
  },
});
const num = (name: keyof typeof values) => {
  const n = Number(values[name]);
  if (!Number.isFinite(n) || n < 0) throw new Error(`--${name} must be a number, not ${values[name]}`);
  return n;
};

const MiB = (bytes: number | null | undefined) => (bytes == null ? '-' : (bytes / 1048576).toFixed(1));
const ms = (n: number) => n.toFixed(1).padStart(8);
const load = (l: number[]) => l.map((x) => x.toFixed(2)).join(' ');
const table = (rows: [string, Summary][]) =>
  [
    `  ${'kind'.padEnd(12)} ${'requests'.padStart(9)} ${'errors'.padStart(7)} ${'p50 ms'.padStart(8)} ${'p95 ms'.padStart(8)} ${'p99 ms'.padStart(8)} ${'max ms'.padStart(8)}`,
    ...rows.map(
      ([kind, s]) =>
        `  ${kind.padEnd(12)} ${String(s.requests).padStart(9)} ${String(s.errors).padStart(7)} ${ms(s.p50)} ${ms(s.p95)} ${ms(s.p99)} ${ms(s.max)}`,
    ),
  ].join('\n');
const out = (text: string) => process.stdout.write(`${text}\n`);

const printMinute = (m: MinuteReport) => {
  const heap = m.probe
    ? `heap ${MiB(m.probe.heapUsed)} of ${MiB(m.probe.heapTotal)} MiB, external ${MiB(m.probe.external)} MiB, ` +
      `handles ${JSON.stringify(m.probe.resources)}`
    : 'heap -';
  out(
    `minute ${m.minute} (load ${load(m.load)}): rss ${MiB(m.rss)} MiB, ${heap}, backlog ${m.backlog}, ` +
      `streams open ${m.streams.open} (${m.streams.opened} opened, ${m.streams.drops} dropped, ${m.streams.events} update events)`,
  );
  out(table(m.kinds));
};

const minutes = num('minutes');
const data = await tempDir('soak-');
const report = await runSoak({
  minutes,
  phones: num('phones'),
  streams: num('streams'),
  pollMs: num('poll-ms'),
  photoMs: num('photo-ms'),
  eventImageMs: num('event-image-ms'),
  urlMs: num('url-ms'),
  seed: num('seed'),
  logLevel: values['log-level'],
  dataDir: data.dir,
  snapshotsAt: values.snapshots ? values.snapshots.split(',').map(Number) : [],
  onMinute: printMinute,
}).catch(async (err: unknown) => {
  // A run that could not finish (the runner did not start) leaves nothing behind either.
  if (!values.keep) await data.remove();
  throw err;
});

out(`\nsummary over ${minutes} minutes (load ${load(loadavg())}), runner pid ${report.runnerPid}:`);
out(table(report.kinds));
out(
  `  polls answered 304: ${report.notModified}; streams opened ${report.streams.opened}, dropped ${report.streams.drops}, ` +
    `${report.streams.events} update events`,
);
out(`  SIGTERM at the end: exit ${report.exitCode} after ${report.drainMs} ms`);
if (report.warnings.length > 0)
  out(
    `  the runner logged ${report.warnings.length} warnings, first:\n    ${report.warnings.slice(0, 5).join('\n    ')}`,
  );

// Warm-up ends at the 10-minute mark; a shorter run compares its midpoint with its second half instead.
const endT = report.rss.at(-1)?.t ?? 0;
const markT = Math.min(600_000, endT / 2);
const mark = report.rss.reduce((best, s) => (Math.abs(s.t - markT) < Math.abs(best.t - markT) ? s : best));
const tail = report.rss.filter((s) => s.t >= endT - Math.min(600_000, endT / 2));
const tailMean = tail.reduce((a, s) => a + s.bytes, 0) / tail.length;
const drift = (tailMean - mark.bytes) / mark.bytes;
const tailProbes = report.probes.filter((p) => p.at - report.probes[0]!.at >= markT);
out(
  `  rss at ${(mark.t / 60_000).toFixed(1)} min: ${MiB(mark.bytes)} MiB; mean over the last ${(Math.min(600_000, endT / 2) / 60_000).toFixed(1)} min: ` +
    `${MiB(tailMean)} MiB (${(drift * 100).toFixed(1)} %, target within 5 %); ` +
    `slope after the mark: rss ${MiB(
      slopePerMinute(
        tail.map((s) => s.t),
        tail.map((s) => s.bytes),
      ),
    )} MiB/min, ` +
    `heap used ${MiB(
      slopePerMinute(
        tailProbes.map((p) => p.at),
        tailProbes.map((p) => p.heapUsed),
      ),
    )} MiB/min`,
);
if (values.snapshots) out('  heap snapshots were taken: the RSS drift includes the memory writing them cost');
if (values.keep || values.snapshots)
  out(`  data kept in ${data.dir} (heap snapshots in ${report.snapshots})`);
else await data.remove();
const errors = report.kinds.reduce((a, [, s]) => a + s.errors, 0) + report.streams.drops;
process.exit(errors > 0 || Math.abs(drift) > 0.05 || report.exitCode !== 0 ? 1 : 0);

import type { BenchContext, BenchReport } from './lib/benchmark';
import { formatMb, formatMs, formatRate, summarise } from './lib/stats';
import type { LoadOutcome } from './one-time-url.load';

/** What one load phase gave: the driver's outcome, and the process's peak RSS while it ran. */
export interface Phase {
  outcome: LoadOutcome;
  peakRss: number;
}

/** The table and notes of the one-time URL benchmark. */
export function report(
  ctx: BenchContext,
  photoBytes: number,
  phases: { cycle: Phase; redeem: Phase; anchor: Phase },
): BenchReport {
  const rate = (p: Phase) => p.outcome.measured.completed / (p.outcome.measured.elapsedMs / 1000);
  const row = (label: string, p: Phase, part = 'total') => {
    const s = summarise(p.outcome.measured.samples[part] ?? []);
    const whole = part === 'total';
    return {
      label,
      cells: [
        whole ? formatRate(rate(p)) : '',
        formatMs(s.p50),
        formatMs(s.p99),
        String(s.n),
        whole ? String(p.outcome.measured.errors) : '',
        whole ? formatMb(p.peakRss) : '',
      ],
    };
  };
  const { cycle, redeem, anchor } = phases;
  const pool = redeem.outcome.pool!;
  const ended = (name: string, p: Phase) =>
    `${name} ran ${(p.outcome.measured.elapsedMs / 1000).toFixed(1)} s, ended by ${p.outcome.measured.endedBy}`;
  return {
    notes: [
      `photo: ${photoBytes} bytes (${(photoBytes / 1024).toFixed(1)} KiB) JPEG; every GET reads the whole body and checks its length`,
      `driver: one closed-loop node:http keep-alive client (bench/lib/keep-alive-client.ts) in a worker thread measured every row, ` +
        `${ctx.concurrency} concurrent clients, ${ctx.warmupSeconds} s warm-up then ${ctx.seconds} s per phase; ` +
        `servers run on the main thread of the same process`,
      `ours: the embedded system (backend API + image server + dev identity, SQLite, files) as npm start runs it, silent logs`,
      `redeem only: ${pool.urls} URLs issued before the clock (${(pool.ms / 1000).toFixed(1)} s, ${pool.errors} failed); ` +
        ended('the phase', redeem),
      `${ended('cycle', cycle)}; ${ended('anchor', anchor)}`,
      `redeem only reaches ${((100 * rate(redeem)) / rate(anchor)).toFixed(0)}% of the anchor's req/s; ` +
        `a full cycle ${((100 * rate(cycle)) / rate(anchor)).toFixed(0)}%`,
      `peak RSS of the whole process (servers + driver thread): ${formatMb(process.resourceUsage().maxRSS * 1024)} MB; ` +
        `per phase in the table, sampled every 50 ms (anchor first; RSS seldom shrinks, so later phases carry earlier growth)`,
    ],
    table: {
      columns: ['req/s', 'p50 ms', 'p99 ms', 'n', 'errors', 'peak RSS MB'],
      rows: [
        row('ours: issue + redeem cycle (cycles/s)', cycle),
        row('  issue half: POST /images/:id/url', cycle, 'issue'),
        row('  redeem half: GET /i/:token', cycle, 'redeem'),
        row('ours: redeem only (pre-issued URLs)', redeem),
        row('anchor: node:http static file', anchor),
      ],
    },
  };
}

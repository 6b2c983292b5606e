import type { BenchContext, BenchReport } from './lib/benchmark';
import { goalLine, type Goal } from './lib/goals';
import { formatMb, formatMs, formatRate, summarise } from './lib/stats';
import type { LoadOutcome } from './one-time-url.load';

/** What one load phase gave: the driver's outcome, and the process's peak RSS while it ran. */
export interface Phase {
  outcome: LoadOutcome;
  peakRss: number;
}

/** The nginx anchor's phase, when nginx was on PATH. */
export interface NginxPhase {
  version: string;
  phase: Phase;
}

export const ROWS = {
  cycle: 'ours: issue + redeem cycle (cycles/s)',
  issue: '  issue half: POST /images/:id/url',
  redeemHalf: '  redeem half: GET /i/:token',
  redeem: 'ours: redeem only (pre-issued URLs)',
  anchor: 'anchor: node:http static file',
  nginx: 'anchor: nginx static file, sendfile',
} as const;

const COLUMNS = ['req/s', 'p50 ms', 'p99 ms', 'n', 'errors', 'peak RSS MB'];

/** A row's figures as numbers; the table prints these, and the goals compare these. */
interface RowFigures {
  label: string;
  rate: number | null;
  p50: number;
  p99: number;
  n: number;
  errors: number | null;
  peakRss: number | null;
}

/** The table, headlines and notes of the one-time URL benchmark. */
export function report(
  ctx: Pick<BenchContext, 'concurrency' | 'warmupSeconds' | 'seconds'>,
  photoBytes: number,
  phases: { cycle: Phase; redeem: Phase; anchor: Phase; nginx: NginxPhase | null },
  rounds = 1,
): BenchReport {
  const { cycle, redeem, anchor, nginx } = phases;
  const rows: RowFigures[] = [
    figures(ROWS.cycle, cycle),
    figures(ROWS.issue, cycle, 'issue'),
    figures(ROWS.redeemHalf, cycle, 'redeem'),
    figures(ROWS.redeem, redeem),
    figures(ROWS.anchor, anchor),
    ...(nginx ? [figures(ROWS.nginx, nginx.phase)] : []),
  ];
  const row = (label: string) => rows.find((r) => r.label === label)!;
  const rate = (label: string) => ({ row: label, column: 'req/s', value: row(label).rate! });
  const p99 = (label: string) => ({ row: label, column: 'p99 ms', value: row(label).p99 });

  const goals: Goal[] = [
    {
      label: 'redeem vs node:http static, req/s',
      ours: rate(ROWS.redeem),
      anchor: rate(ROWS.anchor),
      target: { op: '>=', ratio: 0.9 },
    },
    {
      label: 'redeem vs node:http static, p99',
      ours: p99(ROWS.redeem),
      anchor: p99(ROWS.anchor),
      target: { op: '<=', ratio: 2 },
    },
    {
      label: 'issue + redeem cycle vs node:http static, req/s',
      ours: rate(ROWS.cycle),
      anchor: rate(ROWS.anchor),
      target: { op: '>=', ratio: 0.5 },
    },
  ];
  const headlines = goals.map((g) => goalLine(g, g.ours.column === 'req/s' ? formatRate : formatMs));
  if (nginx) {
    const ratio = row(ROWS.redeem).rate! / row(ROWS.nginx).rate!;
    headlines.push(
      `redeem vs ${nginx.version} with sendfile, req/s: ${ratio.toFixed(2)}× ` +
        `(${formatRate(row(ROWS.redeem).rate!)} / ${formatRate(row(ROWS.nginx).rate!)}) — the ceiling, no goal`,
    );
  } else {
    headlines.push('redeem vs nginx with sendfile: skipped, no nginx on PATH (apt-get install nginx-light)');
  }

  const pool = redeem.outcome.pool!;
  const ended = (name: string, p: Phase) =>
    `${name} ran ${(p.outcome.measured.elapsedMs / 1000).toFixed(1)} s, ended by ${p.outcome.measured.endedBy}`;
  return {
    headlines,
    notes: [
      `photo: ${photoBytes} bytes (${(photoBytes / 1024).toFixed(1)} KiB) JPEG; every GET reads the whole body and checks its length`,
      `driver: one closed-loop node:http keep-alive client (bench/lib/keep-alive-client.ts) in a worker thread measured every row, ` +
        `${ctx.concurrency} concurrent clients, ${ctx.seconds} s measured per phase in ${rounds} turns taken in rotation ` +
        `(anchor, nginx, cycle, redeem; each turn after ${ctx.warmupSeconds} s warm-up); ` +
        `the node servers run on the main thread of the same process, nginx in its own single process`,
      `ours: the embedded system (backend API + image server + dev identity, SQLite, files) as npm start runs it, silent logs; ` +
        `the per-participant limit on issuing URLs is raised out of reach (one participant stands in for a venue), still counted`,
      `redeem only: ${pool.urls} URLs issued before the clock, over its turns (${(pool.ms / 1000).toFixed(1)} s, ${pool.errors} failed); ` +
        ended('the phase', redeem),
      [ended('cycle', cycle), ended('anchor', anchor), ...(nginx ? [ended('nginx', nginx.phase)] : [])].join(
        '; ',
      ),
      `peak RSS of the whole process (servers + driver thread): ${formatMb(process.resourceUsage().maxRSS * 1024)} MB; ` +
        `per phase in the table, sampled every 50 ms (anchor first; RSS seldom shrinks, so later phases carry earlier growth); ` +
        `nginx's own memory is not in it`,
    ],
    table: { columns: COLUMNS, rows: rows.map(render) },
  };
}

function figures(label: string, p: Phase, part = 'total'): RowFigures {
  const m = p.outcome.measured;
  const s = summarise(m.samples[part] ?? []);
  const whole = part === 'total';
  return {
    label,
    rate: whole ? m.completed / (m.elapsedMs / 1000) : null,
    p50: s.p50,
    p99: s.p99,
    n: s.n,
    errors: whole ? m.errors : null,
    peakRss: whole ? p.peakRss : null,
  };
}

function render(r: RowFigures): { label: string; cells: string[] } {
  return {
    label: r.label,
    cells: [
      r.rate === null ? '' : formatRate(r.rate),
      formatMs(r.p50),
      formatMs(r.p99),
      String(r.n),
      r.errors === null ? '' : String(r.errors),
      r.peakRss === null ? '' : formatMb(r.peakRss),
    ],
  };
}

/**
 * The turns of one phase as one: counts, errors and time added up, latencies pooled, the highest peak RSS; it ended by
 * count if any turn did. The pools of redeem-only turns are added up too.
 */
export function mergePhases(turns: Phase[]): Phase {
  const measured = turns.map((t) => t.outcome.measured);
  const samples: Record<string, number[]> = {};
  for (const m of measured)
    for (const [part, values] of Object.entries(m.samples)) (samples[part] ??= []).push(...values);
  const pools = turns.map((t) => t.outcome.pool).filter((p) => p !== null);
  return {
    peakRss: Math.max(...turns.map((t) => t.peakRss)),
    outcome: {
      warmup: {
        completed: turns.reduce((n, t) => n + t.outcome.warmup.completed, 0),
        errors: turns.reduce((n, t) => n + t.outcome.warmup.errors, 0),
      },
      measured: {
        completed: measured.reduce((n, m) => n + m.completed, 0),
        errors: measured.reduce((n, m) => n + m.errors, 0),
        firstError: measured.find((m) => m.firstError !== null)?.firstError ?? null,
        elapsedMs: measured.reduce((n, m) => n + m.elapsedMs, 0),
        endedBy: measured.some((m) => m.endedBy === 'count') ? 'count' : 'time',
        samples,
      },
      pool:
        pools.length === 0
          ? null
          : {
              urls: pools.reduce((n, p) => n + p.urls, 0),
              ms: pools.reduce((n, p) => n + p.ms, 0),
              errors: pools.reduce((n, p) => n + p.errors, 0),
            },
    },
  };
}

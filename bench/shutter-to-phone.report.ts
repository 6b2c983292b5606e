import type { BenchReport } from './lib/benchmark';
import { formatMs } from './lib/stats';
import type { ShutterOutcome } from './shutter-to-phone.load';

export const GOAL = { p50Ms: 150, p95Ms: 400 } as const;

export const ROWS = {
  answered: 'staff PUT /participants/{id}/photo answered',
  event: 'update event at the phone (GET /me/updates/stream)',
  fetched: 'shutter to phone: one-time URL issued and fetched',
} as const;

export interface Spread {
  n: number;
  p50: number;
  p95: number;
  p99: number;
  max: number;
}

/** Nearest-rank percentiles, and the largest sample. */
export function spread(samples: readonly number[]): Spread {
  if (samples.length === 0) return { n: 0, p50: NaN, p95: NaN, p99: NaN, max: NaN };
  const sorted = Float64Array.from(samples).sort();
  const at = (p: number) =>
    sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil(p * sorted.length) - 1))]!;
  return { n: sorted.length, p50: at(0.5), p95: at(0.95), p99: at(0.99), max: sorted[sorted.length - 1]! };
}

/** The table and headline of the shutter-to-phone benchmark: every figure counts from when the staff PUT was sent. */
export function report(run: {
  outcome: ShutterOutcome;
  ratePerSecond: number;
  phones: number;
  photoBytes: number;
  warmupSeconds: number;
  seconds: number;
  /** Event-loop delay of the system's thread over the run. */
  loopDelayMs: { p50: number; p99: number; max: number };
}): BenchReport {
  const { samples, errors, firstError } = run.outcome;
  const rows = [
    { label: ROWS.answered, s: spread(samples.map((x) => x.answeredMs)) },
    { label: ROWS.event, s: spread(samples.map((x) => x.eventMs)) },
    { label: ROWS.fetched, s: spread(samples.map((x) => x.fetchedMs)) },
  ];
  const total = rows[2]!.s;
  const met = errors === 0 && total.n > 0 && total.p50 <= GOAL.p50Ms && total.p95 <= GOAL.p95Ms;
  const achieved = samples.length / (run.outcome.elapsedMs / 1000);
  return {
    headlines: [
      `shutter to phone: p50 ${formatMs(total.p50)} ms, p95 ${formatMs(total.p95)} ms over ${total.n} uploads ` +
        `with ${errors} errors (row "${ROWS.fetched}") — goal p50 ≤ ${GOAL.p50Ms} ms and p95 ≤ ${GOAL.p95Ms} ms ` +
        `without errors — ${met ? 'met' : 'NOT met'}`,
    ],
    notes: [
      `${run.ratePerSecond} staff photo uploads/s (open loop, ${(run.photoBytes / 1e6).toFixed(2)} MB JPEG each) ` +
        `across ${run.phones} participants, each with a phone subscribed to GET /me/updates/stream; ` +
        `${run.warmupSeconds} s of uploads not counted, then ${run.seconds} s counted ` +
        `(${achieved.toFixed(1)} counted/s over the whole run)`,
      'each row counts from when the PUT was sent; the phone asks for its one-time URL (POST /images/{id}/url with ' +
        'its participant token) when the update names its new version, then reads the whole image',
      'the embedded system as npm start runs it (SQLite bus, files), silent logs; the staff and phones run in a ' +
        'worker thread of the same process',
      `event-loop delay of the system's thread over the run: p50 ${formatMs(run.loopDelayMs.p50)} ms, ` +
        `p99 ${formatMs(run.loopDelayMs.p99)} ms, max ${formatMs(run.loopDelayMs.max)} ms (the servers and the bus ` +
        "share it; clustering's k-means, mapping and PNG run in its worker threads, PALETTE_THREADS)",
      ...(firstError ? [`first error: ${firstError}`] : []),
    ],
    table: {
      columns: ['p50 ms', 'p95 ms', 'p99 ms', 'max ms', 'n'],
      rows: rows.map(({ label, s }) => ({
        label,
        cells: [formatMs(s.p50), formatMs(s.p95), formatMs(s.p99), formatMs(s.max), String(s.n)],
      })),
    },
  };
}

import type { BenchReport } from './lib/benchmark';
import { goalLine, type Goal } from './lib/goals';
import { formatMb } from './lib/stats';

export const RSS_GOAL_BYTES = 600 * 1024 * 1024;
export const THROUGHPUT_GOAL = 0.8;

export const ROWS = {
  ours: 'ours: POST /images all at once → every image clustered',
  accepted: 'ours: POST /images all at once → every upload answered',
  anchor: "anchor: the clustering worker's sharp decode + k-means + PNG, one loop",
} as const;

export interface BurstRun {
  images: number;
  megapixels: number;
  jpegBytes: number;
  anchorMs: number;
  /** From the first POST sent. */
  acceptedMs: number;
  clusteredMs: number;
  systemPeakRss: number;
  anchorPeakRss: number;
  /** Why sends were sent again: a status or `connection`. */
  refusals: string[];
  deadLetters: number;
  backlog: number;
}

/** The burst's table, and its headlines computed from the rows. */
export function report(run: BurstRun): BenchReport {
  const rate = (ms: number) => run.images / (ms / 1000);
  const rows = [
    { label: ROWS.ours, ms: run.clusteredMs, rss: run.systemPeakRss, dead: String(run.deadLetters) },
    { label: ROWS.accepted, ms: run.acceptedMs, rss: NaN, dead: '' },
    { label: ROWS.anchor, ms: run.anchorMs, rss: run.anchorPeakRss, dead: '—' },
  ];
  const goal: Goal = {
    label: 'burst throughput vs the clustering loop alone, images/s',
    ours: { row: ROWS.ours, column: 'images/s', value: rate(run.clusteredMs) },
    anchor: { row: ROWS.anchor, column: 'images/s', value: rate(run.anchorMs) },
    target: { op: '>=', ratio: THROUGHPUT_GOAL },
  };
  const rssMet = run.systemPeakRss <= RSS_GOAL_BYTES;
  const deadMet = run.deadLetters === 0;
  return {
    headlines: [
      goalLine(goal, (v) => v.toFixed(2)),
      `peak RSS of the system: ${formatMb(run.systemPeakRss)} MB (row "${ROWS.ours}") — goal ≤ ` +
        `${formatMb(RSS_GOAL_BYTES)} MB — ${rssMet ? 'met' : 'NOT met'}`,
      `dead letters: ${run.deadLetters} (row "${ROWS.ours}") — goal none — ${deadMet ? 'met' : 'NOT met'}`,
    ],
    notes: [
      `${run.images} event images of ${run.megapixels} MP (photo-like JPEG, ${(run.jpegBytes / run.images / 1e6).toFixed(1)} MB ` +
        `on average), sent at once by one operator, each streamed from its file; ${run.refusals.length} sends were ` +
        `refused (${tally(run.refusals)}) and sent again with the same idempotency key, as the console does`,
      'ours: npm start in its own process group (API only, upload rate limits off, LOG_LEVEL warn), the statuses read ' +
        'from GET /images every 250 ms; peak RSS: the sum of each of its processes’ VmHWM',
      `bus messages still undelivered when it stopped (later steps, such as image.clustered): ${run.backlog}`,
      'anchor: the same files in this process, one after another; its RSS is this process’s peak while it ran',
    ],
    table: {
      columns: ['images/s', 'wall s', 'peak RSS MB', 'dead letters'],
      rows: rows.map((r) => ({
        label: r.label,
        cells: [
          rate(r.ms).toFixed(2),
          (r.ms / 1000).toFixed(1),
          Number.isFinite(r.rss) ? formatMb(r.rss) : '',
          r.dead,
        ],
      })),
    },
  };
}

/** `502 × 3, 503 × 1`, or `none`. */
function tally(reasons: string[]): string {
  const counts = new Map<string, number>();
  for (const r of reasons) counts.set(r, (counts.get(r) ?? 0) + 1);
  return counts.size === 0 ? 'none' : [...counts].map(([r, n]) => `${r} × ${n}`).join(', ');
}

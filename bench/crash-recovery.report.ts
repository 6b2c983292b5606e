import type { BenchReport } from './lib/benchmark';

export const GOAL_MS = 10_000;

export const ROWS = {
  listening: 'restart → every server listening',
  done: 'restart → all in-flight work done (every image clustered)',
} as const;

export interface CrashRun {
  images: number;
  /** At the kill: uploads answered, and of those already clustered. */
  acceptedBeforeKill: number;
  clusteredBeforeKill: number;
  /** From the spawn of the restarted system. */
  listeningMs: number;
  doneMs: number;
  reclaimedLeases: number;
  /** Images the listing lacks, or holds more than once, or holds without having been sent. */
  lostOrDuplicated: string[];
  deadLetters: number;
}

/** The crash-recovery table, and its headlines computed from the rows. */
export function report(run: CrashRun): BenchReport {
  const met = run.doneMs <= GOAL_MS;
  const intact = run.lostOrDuplicated.length === 0 && run.deadLetters === 0;
  const afterKill = run.images - run.clusteredBeforeKill;
  return {
    headlines: [
      `recovery after kill -9 during a burst: ${(run.doneMs / 1000).toFixed(1)} s (row "${ROWS.done}") — goal ≤ ` +
        `${GOAL_MS / 1000} s — ${met ? 'met' : 'NOT met'}`,
      `nothing lost: ${run.lostOrDuplicated.length} images lost or duplicated, ${run.deadLetters} dead letters — ` +
        `goal none — ${intact ? 'met' : 'NOT met'}`,
    ],
    notes: [
      `${run.images} event images of 12 MP sent at once (as the burst benchmark sends them); the whole npm start process ` +
        `group is killed with SIGKILL as soon as the first image is clustered: ${run.acceptedBeforeKill} uploads ` +
        `had been answered and ${run.clusteredBeforeKill} clustered`,
      `after the restart (same data directory and ports) the operator sends again, with the same idempotency keys, ` +
        `every image whose answer was lost; done means every one of the ${run.images} images is clustered ` +
        `(${afterKill} clustered after the kill), the statuses read every 100 ms`,
      `start-up recovery took back ${run.reclaimedLeases} bus leases of the killed run; ` +
        (run.lostOrDuplicated.length > 0
          ? `lost or duplicated: ${run.lostOrDuplicated.join('; ')}`
          : 'none lost'),
    ],
    table: {
      columns: ['s', 'images clustered'],
      rows: [
        { label: ROWS.listening, cells: [(run.listeningMs / 1000).toFixed(2), ''] },
        { label: ROWS.done, cells: [(run.doneMs / 1000).toFixed(2), String(afterKill)] },
      ],
    },
  };
}

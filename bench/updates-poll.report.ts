import type { BenchContext, BenchReport } from './lib/benchmark';
import { goalLine, type Goal } from './lib/goals';
import { formatMs, formatRate, summarise } from './lib/stats';
import type { LoopResult } from './lib/closed-loop';
import type { PhonesResult } from './updates-poll.load';

export const ROWS = {
  ours: 'ours: GET /me/updates answered 304',
  anchor: 'anchor: node:http answering 304',
  held: (phones: number) => `ours: ${phones} phones polling every 3 s (most held)`,
  dropped: (phones: number) => `ours: ${phones} phones polling every 3 s (first past the bar)`,
} as const;

/** p99 a phone's poll must stay under, at a 3 s interval, for the phones to count as held. */
export const HELD_P99_MS = 50;

/** One step of the search for the most phones held: how many, and what they got. */
export interface PhoneStep {
  phones: number;
  result: PhonesResult;
}

export const held = (step: PhoneStep): boolean =>
  step.result.errors === 0 && summarise(step.result.latencies).p99 < HELD_P99_MS;

/** The table, headlines and notes of the updates-poll benchmark. */
export function report(
  ctx: Pick<BenchContext, 'concurrency' | 'warmupSeconds' | 'seconds'>,
  run: {
    ours: LoopResult;
    anchor: LoopResult;
    steps: PhoneStep[];
    participants: number;
    sockets: number;
    rounds?: number;
  },
): BenchReport {
  const closedRow = (label: string, m: LoopResult) => {
    const s = summarise(m.samples.total ?? []);
    return {
      label,
      rate: m.completed / (m.elapsedMs / 1000),
      p50: s.p50,
      p99: s.p99,
      n: s.n,
      errors: m.errors,
    };
  };
  const phonesRow = (label: string, step: PhoneStep) => {
    const s = summarise(step.result.latencies);
    const rate = step.result.completed / (step.result.elapsedMs / 1000);
    return { label, rate, p50: s.p50, p99: s.p99, n: s.n, errors: step.result.errors };
  };
  const best = [...run.steps].filter(held).sort((a, b) => b.phones - a.phones)[0] ?? null;
  const firstFail =
    [...run.steps]
      .filter((s) => !held(s) && (!best || s.phones > best.phones))
      .sort((a, b) => a.phones - b.phones)[0] ?? null;
  const rows = [
    closedRow(ROWS.ours, run.ours),
    closedRow(ROWS.anchor, run.anchor),
    ...(best ? [phonesRow(ROWS.held(best.phones), best)] : []),
    ...(firstFail ? [phonesRow(ROWS.dropped(firstFail.phones), firstFail)] : []),
  ];
  const row = (label: string) => rows.find((r) => r.label === label)!;
  const goal: Goal = {
    label: 'GET /me/updates 304 vs bare node:http 304, req/s',
    ours: { row: ROWS.ours, column: 'req/s', value: row(ROWS.ours).rate },
    anchor: { row: ROWS.anchor, column: 'req/s', value: row(ROWS.anchor).rate },
    target: { op: '>=', ratio: 0.5 },
  };
  const heldLine = best
    ? `phones held at a 3 s polling interval with p99 < ${HELD_P99_MS} ms: ${best.phones} ` +
      `(p99 ${formatMs(row(ROWS.held(best.phones)).p99)} ms, row "${ROWS.held(best.phones)}")` +
      (firstFail
        ? `; ${firstFail.phones} were not (p99 ${formatMs(row(ROWS.dropped(firstFail.phones)).p99)} ms, ` +
          `${firstFail.result.errors} errors)`
        : '; the search stopped before any count failed')
    : `phones held at a 3 s polling interval with p99 < ${HELD_P99_MS} ms: none of the counts tried ` +
      `(${run.steps.map((s) => s.phones).join(', ')})`;
  return {
    headlines: [goalLine(goal, formatRate), heldLine],
    notes: [
      `closed loop: ${ctx.concurrency} concurrent clients, ${ctx.seconds} s measured in ${run.rounds ?? 1} turns, anchor and ours ` +
        `alternating (each turn after ${ctx.warmupSeconds} s warm-up); each poll sends ` +
        `a participant token and the ETag of everything that participant has seen, and must be answered 304`,
      `phones: ${run.participants} participants; each phone polls every 3 s from a random phase over at most ${run.sockets} ` +
        `keep-alive sockets (an open loop: latency counts from when the poll was due, waiting for a socket included); ` +
        `the first 3 s ramp up, ${ctx.seconds} s are measured; counts tried: ${run.steps.map((s) => `${s.phones}${held(s) ? ' held' : ' not'}`).join(', ')}`,
      'ours: the embedded system as npm start runs it (token lookup and feed marker in SQLite), silent logs; ' +
        'the driver is a worker thread of the same process',
    ],
    table: {
      columns: ['req/s', 'p50 ms', 'p99 ms', 'n', 'errors'],
      rows: rows.map((r) => ({
        label: r.label,
        cells: [formatRate(r.rate), formatMs(r.p50), formatMs(r.p99), String(r.n), String(r.errors)],
      })),
    },
  };
}

/** The turns of one closed loop as one: counts, errors and time added up, latencies pooled. */
export function mergeLoops(turns: LoopResult[]): LoopResult {
  const samples: Record<string, number[]> = {};
  for (const t of turns)
    for (const [part, values] of Object.entries(t.samples)) (samples[part] ??= []).push(...values);
  return {
    completed: turns.reduce((n, t) => n + t.completed, 0),
    errors: turns.reduce((n, t) => n + t.errors, 0),
    firstError: turns.find((t) => t.firstError !== null)?.firstError ?? null,
    elapsedMs: turns.reduce((n, t) => n + t.elapsedMs, 0),
    endedBy: turns.some((t) => t.endedBy === 'count') ? 'count' : 'time',
    samples,
  };
}

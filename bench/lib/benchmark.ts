/** Settings the runner parses once from the environment, and a signal raised on Ctrl-C. */
export interface BenchContext {
  /** Measured duration of each load phase. */
  seconds: number;
  /** Unmeasured load before each phase, so connections, JIT and caches are warm. */
  warmupSeconds: number;
  /** Closed-loop clients per load phase. */
  concurrency: number;
  signal: AbortSignal;
  /** A progress line (stderr), so stdout carries only the report. */
  log(message: string): void;
}

export interface Table {
  columns: string[];
  /** The first cell of a row is its label; the rest line up with `columns`. */
  rows: { label: string; cells: string[] }[];
}

export interface BenchReport {
  /** The results in a line each, printed first; each is computed from the table's rows (see `goals.ts`). */
  headlines?: string[];
  notes: string[];
  table: Table;
}

/** One entry of the suite: `bench/run.ts` lists them. */
export interface Benchmark {
  name: string;
  title: string;
  run(ctx: BenchContext): Promise<BenchReport>;
}

/** A plain-text table: labels left-aligned, numbers right-aligned. */
export function renderTable(table: Table): string {
  const header = ['', ...table.columns];
  const lines = [header, ...table.rows.map((r) => [r.label, ...r.cells])];
  const widths = header.map((_, i) => Math.max(...lines.map((l) => (l[i] ?? '').length)));
  const format = (line: string[]) =>
    line.map((cell, i) => (i === 0 ? cell.padEnd(widths[i]!) : cell.padStart(widths[i]!))).join('  ');
  const rule = widths.map((w) => '-'.repeat(w)).join('  ');
  return [format(header), rule, ...lines.slice(1).map(format)].join('\n');
}

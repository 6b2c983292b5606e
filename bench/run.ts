/**
 * The benchmark suite: `npm run bench` runs every benchmark below, `npm run bench -- --only <name>` one of them.
 * Settings come from the environment: BENCH_SECONDS (measured seconds per phase, default 8), BENCH_WARMUP_SECONDS
 * (default 1), BENCH_CONCURRENCY (closed-loop clients, default 16). Exits 1 if any benchmark throws.
 */
import { availableParallelism, cpus, platform, release, totalmem } from 'node:os';
import { renderTable, type BenchContext, type Benchmark } from './lib/benchmark';
import { busyWarning, formatLoad, loadSnapshot } from './lib/load-average';

interface Entry {
  name: string;
  /** Loaded only when it runs: `--only` does not pay for the others, and one that fails to load fails alone. */
  load: () => Promise<Benchmark>;
}

/** The suite, in running order: a new benchmark is one line here. */
const BENCHMARKS: Entry[] = [
  { name: 'one-time-url', load: async () => (await import('./one-time-url.bench')).oneTimeUrlBenchmark },
  { name: 'updates-poll', load: async () => (await import('./updates-poll.bench')).updatesPollBenchmark },
  { name: 'palette', load: async () => (await import('./palette.bench')).paletteBenchmark },
  { name: 'face-analysis', load: async () => (await import('./face-analysis.bench')).faceAnalysisBenchmark },
  {
    name: 'upload-pipeline',
    load: async () => (await import('./upload-pipeline.bench')).uploadPipelineBenchmark,
  },
  {
    name: 'shutter-to-phone',
    load: async () => (await import('./shutter-to-phone.bench')).shutterToPhoneBenchmark,
  },
  { name: 'burst', load: async () => (await import('./burst.bench')).burstBenchmark },
  {
    name: 'crash-recovery',
    load: async () => (await import('./crash-recovery.bench')).crashRecoveryBenchmark,
  },
  { name: 'staff-app', load: async () => (await import('./staff-app.bench')).staffAppBenchmark },
  {
    name: 'participant-app',
    load: async () => (await import('./participant-app.bench')).participantAppBenchmark,
  },
];

function positive(name: string, fallback: number, max: number): number {
  const raw = process.env[name];
  if (raw === undefined || raw === '') return fallback;
  const value = Number(raw);
  if (!Number.isFinite(value) || value <= 0 || value > max)
    throw new Error(`${name} must be a number in (0, ${max}], got "${raw}"`);
  return value;
}

function selected(argv: string[]): Entry[] {
  const at = argv.findIndex((a) => a === '--only' || a.startsWith('--only='));
  if (at === -1) return BENCHMARKS;
  const name = argv[at]!.includes('=') ? argv[at]!.slice('--only='.length) : argv[at + 1];
  const found = BENCHMARKS.filter((b) => b.name === name);
  if (found.length === 0) {
    throw new Error(
      `--only: no benchmark "${name ?? ''}"; known: ${BENCHMARKS.map((b) => b.name).join(', ')}`,
    );
  }
  return found;
}

function header(ctx: Omit<BenchContext, 'signal' | 'log'>): string {
  const cpu = cpus();
  return [
    `event-photo benchmarks — ${new Date().toISOString()}`,
    `node ${process.version} on ${platform()} ${release()} (${process.arch})`,
    `cpu: ${cpu[0]?.model.trim() ?? 'unknown'} × ${cpu.length} (available parallelism ${availableParallelism()}), ` +
      `memory ${(totalmem() / 1024 ** 3).toFixed(1)} GiB`,
    `settings: ${ctx.seconds} s measured per phase after ${ctx.warmupSeconds} s warm-up, ${ctx.concurrency} concurrent clients`,
  ].join('\n');
}

async function main(): Promise<number> {
  const benchmarks = selected(process.argv.slice(2));
  const abort = new AbortController();
  process.once('SIGINT', () => abort.abort());
  const ctx: BenchContext = {
    seconds: positive('BENCH_SECONDS', 8, 600),
    warmupSeconds: positive('BENCH_WARMUP_SECONDS', 1, 60),
    concurrency: Math.round(positive('BENCH_CONCURRENCY', 16, 1024)),
    signal: abort.signal,
    log: (message) => process.stderr.write(`  … ${message}\n`),
  };
  console.log(`${header(ctx)}\n`);

  let failed = 0;
  for (const entry of benchmarks) {
    if (abort.signal.aborted) break;
    const started = performance.now();
    try {
      const bench = await entry.load();
      console.log(`## ${bench.name}: ${bench.title}`);
      // Other work on the machine skews every figure: each benchmark says what the load was around it.
      const before = loadSnapshot();
      const result = await bench.run(ctx);
      const after = loadSnapshot();
      const warning = busyWarning(before, after);
      for (const line of result.headlines ?? []) console.log(`* ${line}`);
      if (warning) console.log(`* ${warning}`);
      console.log(`- load average (1, 5, 15 min) before: ${formatLoad(before)}; after: ${formatLoad(after)}`);
      for (const note of result.notes) console.log(`- ${note}`);
      console.log(`\n${renderTable(result.table)}\n`);
      console.log(`(${((performance.now() - started) / 1000).toFixed(1)} s)\n`);
    } catch (err) {
      failed++;
      if (abort.signal.aborted) console.error(`INTERRUPTED ${entry.name}: stopped and cleaned up`);
      else console.error(`FAILED ${entry.name}:`, err);
      console.log('');
    }
  }
  return failed > 0 || abort.signal.aborted ? 1 : 0;
}

main().then(
  (code) => process.exit(code),
  (err: unknown) => {
    console.error(err instanceof Error ? err.message : err);
    process.exit(2);
  },
);

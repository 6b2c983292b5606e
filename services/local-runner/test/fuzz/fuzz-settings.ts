import { setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';

/**
 * How much to fuzz. In `npm test` (and CI) a fixed seed and a few thousand cases in about a minute; `npm run fuzz`
 * sets FUZZ=long for many more cases with a random seed. FUZZ_SEED replays a run: every failure prints its seed.
 */
export interface FuzzSettings {
  seed: number;
  /** Multiplies every property's number of runs. */
  scale: number;
  long: boolean;
}

export function fuzzSettings(env: NodeJS.ProcessEnv = process.env): FuzzSettings {
  const long = env.FUZZ === 'long';
  const given = env.FUZZ_SEED === undefined || env.FUZZ_SEED === '' ? null : Number(env.FUZZ_SEED);
  if (given !== null && !Number.isSafeInteger(given))
    throw new Error(`FUZZ_SEED must be an integer: ${env.FUZZ_SEED}`);
  const seed = given ?? (long ? Math.floor(Math.random() * 2 ** 31) : 20_240_601);
  const scale = Number(env.FUZZ_SCALE ?? (long ? 20 : 1));
  if (!(scale > 0)) throw new Error(`FUZZ_SCALE must be a positive number: ${env.FUZZ_SCALE}`);
  return { seed, scale, long };
}

/** A full garbage collection, so heap figures compare what is live, not what is merely uncollected. */
export function collectGarbage(): void {
  setFlagsFromString('--expose-gc');
  const gc = runInNewContext('gc') as () => void;
  gc();
  gc();
}

/** Heap and buffers in use, after a full collection. */
export function liveBytes(): number {
  collectGarbage();
  const m = process.memoryUsage();
  return m.heapUsed + m.arrayBuffers;
}

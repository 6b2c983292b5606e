import { availableParallelism } from 'node:os';
import { env } from './parse-config';

/** One core is left to the servers' thread (and libvips'); a one-core machine still gets a thread off the event loop. */
export const defaultPaletteThreads = (): number => Math.max(1, availableParallelism() - 1);

/** PALETTE_THREADS: worker threads clustering runs in; 0 runs it on the event loop (docs/configuration.md). */
export const paletteThreadsEnv = env.int(defaultPaletteThreads(), { min: 0, max: 64 });

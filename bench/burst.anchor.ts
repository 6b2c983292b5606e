import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { SharpColourImaging } from '@photo/shared/adapters/sharp/colour-imaging.sharp';
import { clusterImage } from '@photo/shared/colour/cluster-image';
import { parseConfig } from '@photo/shared/config/parse-config';
import { localRunnerConfigSchema } from '@photo/local-runner/config';

/** The runner's defaults, and the sample side its system.ts gives the clustering handler. */
const defaults = parseConfig(localRunnerConfigSchema, {});
const K = defaults.PALETTE_SIZE;
const SAMPLE_SIDE = 256;
const LIMITS = { maxPixels: defaults.MAX_INPUT_PIXELS };

/**
 * The pixel work of the clustering worker alone, one image after another in one loop on this thread: the function
 * each of its pool threads runs (the sample decoded and shrunk, k-means, the full-size decode mapped to the palette
 * and written as PNG), without the bus, the store, the blob copies, HTTP or threads. Returns the wall time in ms.
 */
export async function clusterLoop(paths: string[], signal: AbortSignal): Promise<number> {
  const imaging = new SharpColourImaging({ paletteThreads: 0 });
  const dir = await mkdtemp(join(tmpdir(), 'bench-burst-anchor-'));
  try {
    const started = performance.now();
    for (const path of paths) {
      if (signal.aborted) throw new Error('aborted');
      const dest = join(dir, 'clustered.png');
      await clusterImage(imaging, { source: path, dest, k: K, sampleSide: SAMPLE_SIDE, ...LIMITS });
      await rm(dest);
    }
    return performance.now() - started;
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}

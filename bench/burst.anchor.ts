import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { SharpColourImaging } from '@photo/shared/adapters/sharp/colour-imaging.sharp';
import { kmeansLab } from '@photo/shared/colour/kmeans';
import { labToRgb } from '@photo/shared/colour/lab';
import { NearestColour } from '@photo/shared/colour/nearest-colour';
import { parseConfig } from '@photo/shared/config/parse-config';
import { localRunnerConfigSchema } from '@photo/local-runner/config';

/** The runner's defaults, and the sample side its system.ts gives the clustering handler. */
const defaults = parseConfig(localRunnerConfigSchema, {});
const K = defaults.PALETTE_SIZE;
const SAMPLE_SIDE = 256;
const LIMITS = { maxPixels: defaults.MAX_INPUT_PIXELS };

/**
 * The pixel work of the clustering worker alone, one image after another in one loop: the same adapter calls and
 * colour functions its handler makes (the sample decoded and shrunk, k-means, the full-size decode mapped to the
 * palette and written as PNG), without the bus, the store, the blob copies or HTTP. Returns the wall time in ms.
 */
export async function clusterLoop(paths: string[], signal: AbortSignal): Promise<number> {
  const imaging = new SharpColourImaging();
  const dir = await mkdtemp(join(tmpdir(), 'bench-burst-anchor-'));
  try {
    const started = performance.now();
    for (const path of paths) {
      if (signal.aborted) throw new Error('aborted');
      const sample = await imaging.sampleLab(path, SAMPLE_SIDE, LIMITS);
      const { centroids } = kmeansLab(sample.lab, K);
      const rgbs = centroids.map(([L, a, b]) => labToRgb(L, a, b));
      const nearest = new NearestColour(centroids, rgbs);
      const counts = new Float64Array(centroids.length);
      const dest = join(dir, 'clustered.png');
      await imaging.mapPixelsToPng(path, dest, (rgb) => nearest.mapRgbInPlace(rgb, counts), LIMITS);
      await rm(dest);
    }
    return performance.now() - started;
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}

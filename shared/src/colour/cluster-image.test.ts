import { mkdtemp, readdir, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SharpColourImaging } from '../adapters/sharp/colour-imaging.sharp';
import { noisyJpeg } from '../testing/images';
import { clusterImage } from './cluster-image';

describe('clusterImage', () => {
  const imaging = new SharpColourImaging({ paletteThreads: 0 });
  let dir: string;
  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), 'cluster-image-'));
  });
  afterAll(async () => {
    await imaging.close();
    await rm(dir, { recursive: true, force: true });
  });

  it('when the palette cannot be made, then that error comes back and no file is left', async () => {
    const source = join(dir, 'noisy.jpg');
    await writeFile(source, await noisyJpeg(96, 96, 3));
    const request = { source, dest: join(dir, 'out.png'), k: 256, sampleSide: 96, maxPixels: 1_000_000 };

    await expect(clusterImage(imaging, request)).rejects.toThrow(/1 to 255 centroids, got 256/);
    expect(await readdir(dir)).toEqual(['noisy.jpg']);
  });
});

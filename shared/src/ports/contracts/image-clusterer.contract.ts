import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import sharp from 'sharp';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Rgb } from '../../domain/palette';
import { blocksPng, noisyJpeg } from '../../testing/images';
import type { ImageClusterer } from '../image-clusterer.port';

const COLOURS: Rgb[] = [
  [220, 30, 40],
  [20, 140, 60],
  [40, 70, 200],
  [250, 240, 230],
];

/** The contract every ImageClusterer meets, on the calling thread or in worker threads. */
export function imageClustererContract(name: string, open: () => ImageClusterer) {
  describe(`ImageClusterer contract: ${name}`, () => {
    let clusterer: ImageClusterer;
    let dir: string;
    const file = async (fileName: string, data: Promise<Buffer>) => {
      const path = join(dir, fileName);
      await writeFile(path, await data);
      return path;
    };
    const request = (source: string, dest: string, k = 4) => ({
      source,
      dest: join(dir, dest),
      k,
      sampleSide: 64,
      maxPixels: 1_000_000,
    });

    beforeAll(async () => {
      dir = await mkdtemp(join(tmpdir(), 'image-clusterer-'));
      clusterer = open();
    });
    afterAll(async () => {
      await clusterer.close();
      await rm(dir, { recursive: true, force: true });
    });

    it('when an image of four flat colours is clustered with k = 4, then the palette is those colours and the PNG is painted with them', async () => {
      const source = await file('blocks.png', blocksPng(80, 20, COLOURS));
      const result = await clusterer.clusterToPng(request(source, 'blocks-out.png'));
      expect(result.rgbs.map((c) => c.join()).sort()).toEqual(COLOURS.map((c) => c.join()).sort());
      expect(result.counts.reduce((a, b) => a + b, 0)).toBe(80 * 20);
      expect(result.counts).toEqual([400, 400, 400, 400]);
      expect({ width: result.width, height: result.height }).toEqual({ width: 80, height: 20 });
      const { data } = await sharp(join(dir, 'blocks-out.png')).raw().toBuffer({ resolveWithObject: true });
      const painted = new Set<string>();
      for (let i = 0; i < data.length; i += 3) painted.add(`${data[i]},${data[i + 1]},${data[i + 2]}`);
      expect([...painted].sort()).toEqual(result.rgbs.map((c) => c.join()).sort());
    });

    it('when the same image is clustered twice, then both palettes are identical', async () => {
      const source = await file('noisy.jpg', noisyJpeg(120, 90, 7));
      const [a, b] = await Promise.all([
        clusterer.clusterToPng(request(source, 'noisy-a.png', 6)),
        clusterer.clusterToPng(request(source, 'noisy-b.png', 6)),
      ]);
      expect(a.centroids).toHaveLength(6);
      expect(b).toEqual(a);
    });

    it('when the file is not an image, then the call fails with IMAGE.INVALID and nothing hangs', async () => {
      const source = join(dir, 'not-an-image.jpg');
      await writeFile(source, 'plain text');
      await expect(clusterer.clusterToPng(request(source, 'bad-out.png'))).rejects.toThrow(
        /could not be decoded|unrecognised/,
      );
    });

    it('when the image has more pixels than allowed, then the call fails before decoding', async () => {
      const source = await file('big.png', blocksPng(2000, 600, COLOURS));
      await expect(clusterer.clusterToPng(request(source, 'big-out.png'))).rejects.toThrow(/pixels/);
    });
  });
}

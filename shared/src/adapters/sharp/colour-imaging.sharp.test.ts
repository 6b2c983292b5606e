import { mkdtemp, readdir, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import sharp from 'sharp';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ciede2000 } from '../../colour/ciede2000';
import { rgbToLab } from '../../colour/lab';
import { NearestColour } from '../../colour/nearest-colour';
import type { Lab, Rgb } from '../../domain/palette';
import { blocksPng } from '../../testing/images';
import { SharpColourImaging } from './colour-imaging.sharp';

const COLOURS: Rgb[] = [
  [220, 30, 40],
  [20, 140, 60],
  [40, 70, 200],
  [250, 240, 230],
];
const LIMITS = { maxPixels: 30_000_000 };

describe('SharpColourImaging', () => {
  const imaging = new SharpColourImaging();
  let dir: string;
  const file = async (name: string, data: Buffer | Promise<Buffer>) => {
    const path = join(dir, name);
    await writeFile(path, await data);
    return path;
  };
  /** Lab of one pixel of packed Lab. */
  const labAt = (lab: Float32Array, width: number, x: number, y: number): Lab => {
    const i = (y * width + x) * 3;
    return [lab[i]!, lab[i + 1]!, lab[i + 2]!];
  };

  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), 'colour-imaging-'));
  });

  afterAll(async () => {
    await rm(dir, { recursive: true, force: true });
  });

  describe('sampleLab', () => {
    it('when an image is larger than maxSide, then it is shrunk to fit and its colours come back as Lab', async () => {
      const path = await file('blocks.png', blocksPng(400, 100, COLOURS));

      const { lab, width, height } = await imaging.sampleLab(path, 100, LIMITS);

      expect([width, height]).toEqual([100, 25]);
      expect(lab).toHaveLength(100 * 25 * 3);
      COLOURS.forEach((rgb, i) =>
        expect(ciede2000(labAt(lab, width, 12 + i * 25, 12), rgbToLab(...rgb))).toBeLessThan(0.5),
      );
    });

    it('when an image is smaller than maxSide, then it is not enlarged', async () => {
      const path = await file('small.png', blocksPng(50, 20, COLOURS));
      const { width, height } = await imaging.sampleLab(path, 100, LIMITS);
      expect([width, height]).toEqual([50, 20]);
    });

    it('when an image is transparent, then it is sampled on white', async () => {
      const clear = sharp({
        create: { width: 8, height: 8, channels: 4, background: { r: 0, g: 0, b: 0, alpha: 0 } },
      });
      const path = await file('clear.png', clear.png().toBuffer());

      const { lab } = await imaging.sampleLab(path, 100, LIMITS);

      expect(ciede2000(labAt(lab, 8, 4, 4), [100, 0, 0])).toBeLessThan(0.01);
    });

    it('when a JPEG says it is rotated, then it is sampled upright', async () => {
      const path = await file(
        'rotated.jpg',
        sharp(await blocksPng(60, 20, COLOURS))
          .jpeg()
          .withMetadata({ orientation: 6 })
          .toBuffer(),
      );
      const { width, height } = await imaging.sampleLab(path, 100, LIMITS);
      expect([width, height]).toEqual([20, 60]);
    });

    it('when an image is 16-bit or greyscale, then it is sampled as 8-bit sRGB', async () => {
      const raw16 = new Uint16Array(4 * 4 * 3).fill(0x8080);
      const deep = await file(
        'deep.png',
        sharp(Buffer.from(raw16.buffer), { raw: { width: 4, height: 4, channels: 3, premultiplied: false } })
          .toColourspace('rgb16')
          .png()
          .toBuffer(),
      );
      const grey = await file(
        'grey.png',
        sharp({ create: { width: 4, height: 4, channels: 3, background: '#808080' } })
          .greyscale()
          .png()
          .toBuffer(),
      );

      for (const path of [deep, grey]) {
        const { lab } = await imaging.sampleLab(path, 100, LIMITS);
        expect(lab).toHaveLength(4 * 4 * 3);
        expect(ciede2000(labAt(lab, 4, 1, 1), rgbToLab(128, 128, 128))).toBeLessThan(0.5);
      }
    });

    it('when an image has more pixels than allowed, then IMAGE.TOO_MANY_PIXELS comes back before decoding', async () => {
      const path = await file('big.png', blocksPng(200, 200, COLOURS));
      await expect(imaging.sampleLab(path, 100, { maxPixels: 10_000 })).rejects.toMatchObject({
        code: 'IMAGE.TOO_MANY_PIXELS',
      });
    });

    it('when a file is not an image, then IMAGE.INVALID comes back', async () => {
      const path = await file('text.png', Promise.resolve(Buffer.from('not an image at all')));
      await expect(imaging.sampleLab(path, 100, LIMITS)).rejects.toMatchObject({ code: 'IMAGE.INVALID' });
    });
  });

  describe('mapPixelsToPng', () => {
    it('when every pixel is mapped, then the PNG holds exactly the mapped colours and no temporary file remains', async () => {
      const out = await mkdtemp(join(dir, 'map-'));
      const path = await file('map-src.png', blocksPng(301, 77, COLOURS));
      const dest = join(out, 'posterised.png');
      const palette: Rgb[] = [
        [0, 0, 0],
        [255, 255, 255],
      ];
      const nearest = new NearestColour(
        palette.map((c) => rgbToLab(...c)),
        palette,
      );
      const counts = new Float64Array(2);
      const chunkSizes: number[] = [];

      const size = await imaging.mapPixelsToPng(
        path,
        dest,
        (rgb) => {
          chunkSizes.push(rgb.length);
          nearest.mapRgbInPlace(rgb, counts);
        },
        LIMITS,
      );

      expect(size).toEqual({ width: 301, height: 77 });
      expect(chunkSizes.every((n) => n % 3 === 0)).toBe(true);
      expect(chunkSizes.reduce((a, b) => a + b, 0)).toBe(301 * 77 * 3);
      const { data, info } = await sharp(dest).raw().toBuffer({ resolveWithObject: true });
      expect([info.width, info.height, info.channels]).toEqual([301, 77, 3]);
      const seen = new Set<string>();
      for (let i = 0; i < data.length; i += 3) seen.add(`${data[i]},${data[i + 1]},${data[i + 2]}`);
      expect([...seen].sort()).toEqual(['0,0,0', '255,255,255']);
      expect(counts[0]! + counts[1]!).toBe(301 * 77);
      expect(await readdir(out)).toEqual(['posterised.png']);
    });

    it('when the mapping is the identity, then the PNG is the decoded image, pixel for pixel', async () => {
      const path = await file('identity-src.png', blocksPng(97, 33, COLOURS));
      const dest = join(dir, 'identity.png');

      await imaging.mapPixelsToPng(path, dest, () => undefined, LIMITS);

      const expected = await sharp(path).removeAlpha().raw().toBuffer();
      expect((await sharp(dest).raw().toBuffer()).equals(expected)).toBe(true);
    });

    it('when maxSide is given and the JPEG says it is rotated, then the output is upright and fits maxSide', async () => {
      const path = await file(
        'rotated-big.jpg',
        sharp(await blocksPng(1000, 500, COLOURS))
          .jpeg()
          .withMetadata({ orientation: 6 })
          .toBuffer(),
      );
      const dest = join(dir, 'rotated-small.png');

      const size = await imaging.mapPixelsToPng(path, dest, () => undefined, { ...LIMITS, maxSide: 200 });

      const meta = await sharp(dest).metadata();
      expect(size).toEqual({ width: 100, height: 200 });
      expect([meta.width, meta.height]).toEqual([100, 200]);
    });

    it('when a file is not an image, then IMAGE.INVALID comes back and nothing is written', async () => {
      const out = await mkdtemp(join(dir, 'bad-'));
      const path = await file('bad.jpg', Promise.resolve(Buffer.from('no pixels here')));
      await expect(
        imaging.mapPixelsToPng(path, join(out, 'x.png'), () => undefined, LIMITS),
      ).rejects.toMatchObject({
        code: 'IMAGE.INVALID',
      });
      expect(await readdir(out)).toEqual([]);
    });

    it('when the mapping throws, then the error surfaces and neither the PNG nor the temporary file remains', async () => {
      const out = await mkdtemp(join(dir, 'throw-'));
      const path = await file('throw-src.png', blocksPng(64, 64, COLOURS));
      const failing = () => {
        throw new Error('map failed');
      };
      await expect(imaging.mapPixelsToPng(path, join(out, 'x.png'), failing, LIMITS)).rejects.toThrow(
        'map failed',
      );
      expect(await readdir(out)).toEqual([]);
    });

    it('when a 24 MP JPEG is mapped, then memory grows far less than its 72 MB of raw pixels', async () => {
      // A small noise field enlarged: photo-like texture for the JPEG decoder, generated in well under a second.
      const seed = Buffer.alloc(300 * 200 * 3);
      for (let i = 0; i < seed.length; i++) seed[i] = (i * 2654435761) >>> 24;
      const path = await file(
        '24mp.jpg',
        sharp(seed, { raw: { width: 300, height: 200, channels: 3 } })
          .resize(6000, 4000)
          .jpeg({ quality: 85 })
          .toBuffer(),
      );
      const dest = join(dir, '24mp.png');
      const nearest = new NearestColour(
        COLOURS.map((c) => rgbToLab(...c)),
        COLOURS,
      );
      let largestChunk = 0;

      const before = process.memoryUsage.rss();
      let peak = before;
      const timer = setInterval(() => (peak = Math.max(peak, process.memoryUsage.rss())), 10);
      const started = performance.now();
      const size = await imaging.mapPixelsToPng(
        path,
        dest,
        (rgb) => {
          largestChunk = Math.max(largestChunk, rgb.length);
          nearest.mapRgbInPlace(rgb);
        },
        LIMITS,
      );
      clearInterval(timer);
      peak = Math.max(peak, process.memoryUsage.rss());

      const growthMb = (peak - before) / 2 ** 20;
      console.log(
        `24 MP mapPixelsToPng: ${(performance.now() - started).toFixed(0)} ms, peak RSS growth ${growthMb.toFixed(1)} MB, largest chunk ${(largestChunk / 2 ** 20).toFixed(2)} MB`,
      );
      expect(size).toEqual({ width: 6000, height: 4000 });
      const meta = await sharp(dest).metadata();
      expect([meta.width, meta.height, meta.format]).toEqual([6000, 4000, 'png']);
      expect(largestChunk).toBeLessThanOrEqual(2 ** 20);
      expect(growthMb).toBeLessThan(200);
    }, 60_000);
  });

  describe('renderComposition', () => {
    const svg =
      '<svg xmlns="http://www.w3.org/2000/svg" width="200" height="100"><rect width="200" height="100" fill="#ff0000"/></svg>';

    it('when an overlay has rounded corners, then the canvas shows through its corners and the overlay covers its box', async () => {
      const overlay = await file(
        'overlay.png',
        sharp({ create: { width: 300, height: 300, channels: 3, background: '#0000ff' } })
          .png()
          .toBuffer(),
      );
      const dest = join(dir, 'composed.png');

      const result = await imaging.renderComposition(
        svg,
        [{ path: overlay, left: 10, top: 10, width: 80, height: 60, radius: 20 }],
        dest,
        'png',
      );

      expect(result).toEqual({ width: 200, height: 100, contentType: 'image/png' });
      const { data, info } = await sharp(dest).removeAlpha().raw().toBuffer({ resolveWithObject: true });
      const at = (x: number, y: number) => [
        ...data.subarray((y * info.width + x) * 3, (y * info.width + x) * 3 + 3),
      ];
      expect(at(50, 40)).toEqual([0, 0, 255]); // inside the box
      expect(at(11, 11)).toEqual([255, 0, 0]); // a rounded-off corner
      expect(at(150, 50)).toEqual([255, 0, 0]); // outside the box
    });

    it('when JPEG is asked for, then a JPEG of the canvas size comes back', async () => {
      const dest = join(dir, 'composed.jpg');
      const result = await imaging.renderComposition(svg, [], dest, 'jpeg');
      expect(result).toEqual({ width: 200, height: 100, contentType: 'image/jpeg' });
      expect((await sharp(dest).metadata()).format).toBe('jpeg');
    });
  });

  describe('dimensions', () => {
    it('when a JPEG says it is rotated, then its upright dimensions come back', async () => {
      const path = await file(
        'dims.jpg',
        sharp(await blocksPng(60, 20, COLOURS))
          .jpeg()
          .withMetadata({ orientation: 6 })
          .toBuffer(),
      );
      expect(await imaging.dimensions(path)).toEqual({ width: 20, height: 60 });
    });
  });
});

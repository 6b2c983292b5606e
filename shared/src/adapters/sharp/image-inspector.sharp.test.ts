import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import sharp from 'sharp';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { isAppError } from '../../errors/app-error';
import { flippedPng, noisyTailJpeg, shortPng } from '../../testing/damaged-images';
import { noisyJpeg } from '../../testing/images';
import { SharpImageInspector } from './image-inspector.sharp';

const LIMITS = {
  maxPixels: 40_000_000,
  allowedTypes: ['image/jpeg', 'image/png', 'image/webp', 'image/avif'],
};

describe('SharpImageInspector', () => {
  const inspector = new SharpImageInspector();
  let dir: string;
  let photo: Buffer;
  let png: Buffer;
  let n = 0;

  const file = async (bytes: Buffer) => {
    const path = join(dir, `f${n++}`);
    await writeFile(path, bytes);
    return path;
  };
  /** The code the inspector refuses `bytes` with, or 'accepted'. */
  const verdict = async (bytes: Buffer) =>
    inspector.inspect(await file(bytes), LIMITS).then(
      () => 'accepted',
      (err: unknown) => (isAppError(err) ? err.code : `threw ${String(err)}`),
    );

  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), 'image-inspector-'));
    photo = await noisyJpeg(640, 480, 5);
    png = await sharp(photo).png().toBuffer();
  });
  afterAll(() => rm(dir, { recursive: true, force: true }));

  it('when whole images of every accepted kind are inspected, then each is accepted with its type and upright size', async () => {
    const kinds: [Buffer, string][] = [
      [photo, 'image/jpeg'],
      [await sharp(photo).jpeg({ progressive: true }).toBuffer(), 'image/jpeg'],
      [png, 'image/png'],
      [await sharp(photo).png({ palette: true, progressive: true }).toBuffer(), 'image/png'],
      [await sharp(photo).ensureAlpha(0.5).toColourspace('rgb16').png().toBuffer(), 'image/png'],
      [await sharp(photo).webp().toBuffer(), 'image/webp'],
      [await sharp(photo).avif({ effort: 0 }).toBuffer(), 'image/avif'],
    ];
    for (const [bytes, contentType] of kinds) {
      expect(await inspector.inspect(await file(bytes), LIMITS)).toEqual({
        contentType,
        width: 640,
        height: 480,
      });
    }
    const rotated = await sharp(photo).withMetadata({ orientation: 6 }).jpeg().toBuffer();
    expect(await inspector.inspect(await file(rotated), LIMITS)).toMatchObject({ width: 480, height: 640 });
  });

  it("when one byte of a PNG's image data is altered, with or without a matching CRC, then it is IMAGE.INVALID", async () => {
    for (const at of [3, 100, 5_000, 50_000]) {
      expect(await verdict(flippedPng(png, { at }))).toBe('IMAGE.INVALID');
      expect(await verdict(flippedPng(png, { at, fixCrc: true }))).toBe('IMAGE.INVALID');
    }
  });

  it('when a PNG holds far less data than its size declares, then it is IMAGE.INVALID', async () => {
    expect(await verdict(shortPng(1000, 1000, 3))).toBe('IMAGE.INVALID');
  });

  it('when JPEG bytes are flipped anywhere, then the verdict is the one a full decode gives', async () => {
    const jpeg = await noisyJpeg(48, 32, 11);
    let state = 20240601;
    const next = () => (state = (state * 1103515245 + 12345) % 2 ** 31);
    let damaged = 0;
    for (let i = 0; i < 120; i++) {
      const bytes = Buffer.from(jpeg);
      for (let k = 0; k <= i % 3; k++) {
        const at = next() % bytes.length;
        bytes[at] = bytes[at]! ^ (1 + (next() % 255));
      }
      const decodes = await sharp(bytes, { failOn: 'warning' })
        .raw()
        .toBuffer()
        .then(
          () => true,
          () => false,
        );
      if (!decodes) damaged++;
      expect([i, await verdict(bytes)]).toEqual([i, decodes ? 'accepted' : 'IMAGE.INVALID']);
    }
    expect(damaged).toBeGreaterThan(20);
  });

  it('when a JPEG keeps its first 600 bytes and the rest is noise, then it is IMAGE.INVALID', async () => {
    for (const seed of ['a', 'b', 'c'])
      expect(await verdict(noisyTailJpeg(photo, 600, seed))).toBe('IMAGE.INVALID');
  });

  it('when many truncated PNGs are inspected at once, then every one is IMAGE.INVALID', async () => {
    // The decoder's error used to get lost when several inspections shared sharp's thread pool.
    const big = await sharp(await noisyJpeg(800, 600, 9))
      .png()
      .toBuffer();
    const cuts = [0.2, 0.4, 0.5, 0.6, 0.8, 0.9, 0.95, 0.99];
    for (let round = 0; round < 3; round++) {
      const verdicts = await Promise.all(
        Array.from({ length: 48 }, (_, i) =>
          verdict(big.subarray(0, Math.floor(big.length * cuts[i % cuts.length]!))),
        ),
      );
      expect(verdicts.filter((v) => v !== 'IMAGE.INVALID')).toEqual([]);
    }
  });

  it('when whole and damaged images are inspected at once, then each gets the verdict it gets alone', async () => {
    const damaged = [
      flippedPng(png),
      shortPng(500, 500, 2),
      noisyTailJpeg(photo),
      png.subarray(0, png.length >> 1),
    ];
    const verdicts = await Promise.all(
      Array.from({ length: 40 }, (_, i) => verdict(i % 2 ? photo : damaged[(i >> 1) % damaged.length]!)),
    );
    verdicts.forEach((v, i) => expect(v).toBe(i % 2 ? 'accepted' : 'IMAGE.INVALID'));
  });

  it('when a 12-megapixel JPEG is inspected, then it takes well under two seconds (JPEG shrink-on-load)', async () => {
    const big = await file(await noisyJpeg(4000, 3000, 2));
    await inspector.inspect(big, LIMITS);
    const started = performance.now();
    await inspector.inspect(big, LIMITS);
    expect(performance.now() - started).toBeLessThan(2_000);
  });
});

import { readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import sharp from 'sharp';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { gpsTags, phoneJpeg } from '../../testing/exif-images';
import { noisyJpeg } from '../../testing/images';
import { tempDir } from '../../testing/system-under-test';
import { SharpImageSanitizer } from './image-sanitizer.sharp';

describe('SharpImageSanitizer', () => {
  const sanitizer = new SharpImageSanitizer();
  let dir: { dir: string; remove: () => Promise<void> };
  beforeEach(async () => (dir = await tempDir()));
  afterEach(() => dir.remove());

  const strip = async (image: Buffer) => {
    const input = join(dir.dir, 'in');
    const output = join(dir.dir, 'out');
    await writeFile(input, image);
    const type = await sanitizer.stripMetadata(input, output, { maxPixels: 10_000_000 });
    return { type, output: type ? await readFile(output) : null };
  };

  it('when a phone JPEG carries GPS and an orientation, then the result has no EXIF and upright pixels', async () => {
    const { type, output } = await strip(await phoneJpeg(64, 48, { orientation: 6 }));
    expect(type).toBe('image/jpeg');
    expect(await gpsTags(output!)).toBeNull();
    const meta = await sharp(output!).metadata();
    expect(meta.exif).toBeUndefined();
    expect([meta.width, meta.height, meta.orientation ?? 1]).toEqual([48, 64, 1]);
  });

  it('when an image with EXIF has a colour profile, then the profile is kept', async () => {
    const tagged = await sharp(await phoneJpeg(32, 32))
      .keepExif()
      .withIccProfile('p3')
      .jpeg()
      .toBuffer();
    const { output } = await strip(tagged);
    expect((await sharp(output!).metadata()).icc).toBeDefined();
  });

  it('when an image has no metadata and is upright, then nothing is written', async () => {
    expect(await strip(await noisyJpeg(32, 32, 1))).toEqual({ type: null, output: null });
  });
});

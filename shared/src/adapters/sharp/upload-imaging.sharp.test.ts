import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import sharp from 'sharp';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { gpsTags, phoneJpeg } from '../../testing/exif-images';
import { decodableImageTypes } from './decodable-types.sharp';
import { SharpUploadImaging } from './upload-imaging.sharp';

describe('SharpUploadImaging', () => {
  const imaging = new SharpUploadImaging();
  let dir: string;
  let photo: string;

  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), 'upload-imaging-'));
    photo = join(dir, 'phone.jpg');
    await writeFile(photo, await phoneJpeg(600, 400, { orientation: 6 }));
  });
  afterAll(() => rm(dir, { recursive: true, force: true }));

  it('when a phone photo is described, then dimensions are upright and EXIF capture time, camera and GPS are read', async () => {
    expect(await imaging.describe(photo)).toEqual({
      width: 400,
      height: 600,
      format: 'jpeg',
      orientation: 6,
      capturedAt: '2025-05-01T10:20:30',
      cameraMake: 'Acme',
      cameraModel: 'Phone 12',
      hadGps: true,
    });
  });

  it('when renditions are made, then each is upright, fitted, never enlarged, of its format, and has no GPS IFD', async () => {
    const specs = [
      { variant: 'r300-jpeg', maxSide: 300, format: 'jpeg' },
      { variant: 'r300-avif', maxSide: 300, format: 'avif' },
      { variant: 'r900-webp', maxSide: 900, format: 'webp' },
    ] as const;
    const seen: string[] = [];
    const files = await imaging.renditions(
      photo,
      [...specs],
      (s) => join(dir, s.variant),
      { maxPixels: 1e7 },
      async (f) => {
        seen.push(f.variant);
      },
    );
    expect(seen.sort()).toEqual(specs.map((s) => s.variant).sort());
    expect(files.map((f) => [f.variant, f.width, f.height, f.contentType])).toEqual([
      ['r300-jpeg', 200, 300, 'image/jpeg'],
      ['r300-avif', 200, 300, 'image/avif'],
      ['r900-webp', 400, 600, 'image/webp'],
    ]);
    for (const f of files) {
      const bytes = await readFile(f.path);
      expect(bytes.length).toBe(f.bytes);
      const meta = await sharp(bytes).metadata();
      expect([meta.width, meta.height]).toEqual([f.width, f.height]);
      expect(meta.exif).toBeUndefined();
      expect(await gpsTags(bytes)).toBeNull();
    }
  });

  it('when asked what it decodes, then JPEG, PNG, WebP and AVIF at least, HEIC only with an HEVC-capable libheif', () => {
    const types = decodableImageTypes();
    expect(types).toEqual(expect.arrayContaining(['image/jpeg', 'image/png', 'image/webp', 'image/avif']));
    const suffixes = (sharp.format.heif?.input as { fileSuffix?: string[] }).fileSuffix ?? [];
    expect(types.includes('image/heic')).toBe(suffixes.includes('.heic') || suffixes.includes('.heif'));
  });
});

import sharp from 'sharp';
import type { ImageSanitizer } from '../../ports/image-sanitizer.port';

/** Formats written back as themselves; anything else (HEIC: sharp's libvips cannot encode HEVC) becomes JPEG. */
const WRITERS: Record<string, { type: string; write: (s: sharp.Sharp) => sharp.Sharp }> = {
  jpeg: { type: 'image/jpeg', write: (s) => s.jpeg({ quality: 95, chromaSubsampling: '4:4:4' }) },
  png: { type: 'image/png', write: (s) => s.png() },
  webp: { type: 'image/webp', write: (s) => s.webp({ quality: 95 }) },
  avif: { type: 'image/avif', write: (s) => s.avif({ quality: 80 }) },
};

/**
 * Re-encodes with libvips, which writes no metadata unless asked: `rotate()` applies the EXIF orientation to the
 * pixels, `keepIccProfile()` carries the colour profile over. The quality is high because the result stands in for the
 * original. An image without metadata is left alone, so a stripped original is never re-encoded again.
 */
export class SharpImageSanitizer implements ImageSanitizer {
  async stripMetadata(input: string, output: string, limits: { maxPixels: number }): Promise<string | null> {
    const meta = await sharp(input, { limitInputPixels: limits.maxPixels }).metadata();
    const personal =
      meta.exif ?? meta.xmp ?? meta.iptc ?? (meta.comments?.length ? meta.comments : undefined);
    const upright = (meta.orientation ?? 1) === 1;
    if (!personal && upright) return null;
    const format = meta.format === 'heif' && meta.compression === 'av1' ? 'avif' : (meta.format ?? '');
    const writer = WRITERS[format] ?? WRITERS.jpeg!;
    await writer
      .write(sharp(input, { limitInputPixels: limits.maxPixels }).rotate().keepIccProfile())
      .toFile(output);
    return writer.type;
  }
}

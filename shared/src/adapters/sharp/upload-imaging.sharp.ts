import exifReader from 'exif-reader';
import sharp, { type Sharp } from 'sharp';
import type { RenditionFormat } from '../../domain/image';
import type { UploadMetadata } from '../../domain/upload';
import type { RenditionFile, RenditionSpec, UploadImaging } from '../../ports/upload-imaging.port';

const CONTENT_TYPES: Record<RenditionFormat, string> = {
  jpeg: 'image/jpeg',
  webp: 'image/webp',
  avif: 'image/avif',
};

/** Encoder settings: sizes for a phone screen, not for print; AVIF's default effort (4) costs seconds at 2048 px. */
function encode(image: Sharp, format: RenditionFormat): Sharp {
  switch (format) {
    case 'jpeg':
      return image.jpeg({ quality: 82, progressive: true });
    case 'webp':
      return image.webp({ quality: 80 });
    case 'avif':
      return image.avif({ quality: 55, effort: 3 });
  }
}

/**
 * sharp: metadata from the header (EXIF through exif-reader), renditions decoded once per size. Outputs carry no
 * metadata: sharp writes EXIF, XMP, IPTC and ICC only when asked (withMetadata / keepExif), and we never ask, so
 * GPS, serial numbers and the like never reach a derivative. Orientation is applied to the pixels instead.
 */
export class SharpUploadImaging implements UploadImaging {
  async describe(path: string): Promise<UploadMetadata> {
    const meta = await sharp(path, { limitInputPixels: false }).metadata();
    const exif = readExif(meta.exif);
    return {
      width: meta.autoOrient?.width ?? meta.width ?? 0,
      height: meta.autoOrient?.height ?? meta.height ?? 0,
      format: meta.format ?? 'unknown',
      orientation: meta.orientation ?? null,
      capturedAt: exif?.capturedAt ?? null,
      cameraMake: exif?.make ?? null,
      cameraModel: exif?.model ?? null,
      hadGps: exif?.hasGps ?? false,
    };
  }

  async renditions(
    path: string,
    specs: RenditionSpec[],
    pathOf: (spec: RenditionSpec) => string,
    limits: { maxPixels: number },
    written?: (file: RenditionFile) => Promise<void>,
  ): Promise<RenditionFile[]> {
    const bySize = new Map<number, RenditionSpec[]>();
    for (const spec of specs) bySize.set(spec.maxSide, [...(bySize.get(spec.maxSide) ?? []), spec]);
    const sizes = await Promise.all(
      [...bySize].map(async ([maxSide, formats]) => {
        // One decode and resize per size (JPEG shrink-on-load makes the small ones cheap), then each encoder.
        const { data, info } = await sharp(path, { limitInputPixels: limits.maxPixels, failOn: 'truncated' })
          .rotate()
          .resize({ width: maxSide, height: maxSide, fit: 'inside', withoutEnlargement: true })
          .toColourspace('srgb')
          .raw()
          .toBuffer({ resolveWithObject: true });
        const raw = { width: info.width, height: info.height, channels: info.channels };
        return Promise.all(
          formats.map(async (spec) => {
            let image = sharp(data, { raw });
            if (spec.format === 'jpeg' && info.channels === 4)
              image = image.flatten({ background: '#ffffff' });
            const out = pathOf(spec);
            const encoded = await encode(image, spec.format).toFile(out);
            const file: RenditionFile = {
              ...spec,
              path: out,
              contentType: CONTENT_TYPES[spec.format],
              width: encoded.width,
              height: encoded.height,
              bytes: encoded.size,
            };
            await written?.(file);
            return file;
          }),
        );
      }),
    );
    return sizes.flat();
  }
}

interface ExifSummary {
  capturedAt: string | null;
  make: string | null;
  model: string | null;
  hasGps: boolean;
}

/** The fields we keep from EXIF; a malformed block is ignored (the pixels decide whether the upload is usable). */
function readExif(buffer: Buffer | undefined): ExifSummary | null {
  if (!buffer) return null;
  try {
    const tags = exifReader(buffer);
    const original = tags.Photo?.DateTimeOriginal ?? tags.Image?.DateTime;
    return {
      // exif-reader reads the camera's zone-less local time as if it were UTC: print it back without a zone.
      capturedAt:
        original instanceof Date && !Number.isNaN(original.getTime())
          ? original.toISOString().slice(0, 19)
          : null,
      make: text(tags.Image?.Make),
      model: text(tags.Image?.Model),
      hasGps: tags.GPSInfo !== undefined && Object.keys(tags.GPSInfo).length > 0,
    };
  } catch {
    return null;
  }
}

const text = (value: unknown): string | null =>
  typeof value === 'string' && value.replace(/\0/g, '').trim()
    ? value.replace(/\0/g, '').trim().slice(0, 100)
    : null;

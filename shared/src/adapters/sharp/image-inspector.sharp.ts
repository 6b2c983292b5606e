import sharp from 'sharp';
import { errors } from '../../errors/errors';
import { isAppError } from '../../errors/app-error';
import type {
  AcceptedImageType,
  ImageInspector,
  InspectedImage,
  InspectionLimits,
} from '../../ports/image-inspector.port';

const FORMAT_TO_TYPE: Record<string, AcceptedImageType> = {
  jpeg: 'image/jpeg',
  png: 'image/png',
  webp: 'image/webp',
  heif: 'image/heic',
};

/** The longest a single decode may take before the file is refused (sharp counts whole seconds). */
export const DEFAULT_DECODE_SECONDS = 20;

/**
 * The one acceptance check for every entry point (staff photo, operator upload, direct upload, selfie): a header
 * read, then a full decode bounded in pixels and time, strict enough that damaged data fails rather than decoding
 * to grey or garbage.
 */
export class SharpImageInspector implements ImageInspector {
  constructor(private readonly options: { decodeSeconds?: number } = {}) {}

  async inspect(path: string, limits: InspectionLimits): Promise<InspectedImage> {
    try {
      // The header alone: format and dimensions, before a single pixel is decoded.
      const meta = await sharp(path, { limitInputPixels: false }).metadata();
      const contentType =
        meta.format === 'heif' && meta.compression === 'av1'
          ? 'image/avif'
          : FORMAT_TO_TYPE[meta.format ?? ''];
      if (!contentType || !limits.allowedTypes.includes(contentType)) {
        throw errors.imageTypeNotAllowed(meta.format ?? 'unknown', [...limits.allowedTypes]);
      }
      const width = meta.autoOrient?.width ?? meta.width;
      const height = meta.autoOrient?.height ?? meta.height;
      if (!width || !height) throw errors.imageInvalid('no dimensions');
      if (width * height > limits.maxPixels)
        throw errors.imageTooManyPixels(width * height, limits.maxPixels);
      const shrink = contentType === 'image/jpeg' ? 2 : 8;
      await this.decode(path, meta.width ?? width, meta.height ?? height, shrink, limits.maxPixels);
      return { contentType, width, height };
    } catch (err) {
      if (isAppError(err)) throw err;
      throw errors.imageInvalid(describe(err));
    }
  }

  /**
   * Decodes every pixel into a small output. A pipeline to an output, never stats(): stats() loses the decoder's
   * error when other sharp calls run at the same time on the libuv pool, so truncated files passed under load.
   *
   * failOn 'warning', sharp's default and so what every later step (derivatives, clustering, the face analyser)
   * decodes with: a file accepted here never fails there. It is also what damage needs: libjpeg reports a corrupt
   * scan ("Corrupt JPEG data: bad Huffman code") only as a warning and fills in grey, and libspng checks CRCs and
   * the zlib checksum only above 'truncated' (at 'truncated' a PNG with altered data bytes decodes to garbage).
   *
   * The shrink keeps the output small. For JPEG it is libjpeg's DCT scaling, and only half size is safe: on
   * byte-flipped JPEGs, scaling by 1/2 reported every case a full decode reported, while 1/4 and 1/8 skip
   * coefficients and let about half and most of them through (a 12-megapixel JPEG leaves 9 MB of raw pixels for
   * the moment of the check). The other formats decode every row whatever the output size, so they shrink by 8.
   */
  private async decode(
    path: string,
    width: number,
    height: number,
    shrink: number,
    maxPixels: number,
  ): Promise<void> {
    await sharp(path, {
      limitInputPixels: maxPixels,
      failOn: 'warning',
      sequentialRead: true,
    })
      .resize(Math.max(1, Math.ceil(width / shrink)), Math.max(1, Math.ceil(height / shrink)), {
        fit: 'fill',
      })
      .timeout({ seconds: this.options.decodeSeconds ?? DEFAULT_DECODE_SECONDS })
      .raw()
      .toBuffer();
  }
}

function describe(err: unknown): string {
  const message = err instanceof Error ? err.message : String(err);
  if (/unsupported image format/i.test(message)) return 'unrecognised format';
  if (/timeout/i.test(message)) return 'it took too long to decode';
  if (/premature end|truncated|not enough data|unexpected end/i.test(message)) return 'the data is truncated';
  return 'the data could not be decoded';
}

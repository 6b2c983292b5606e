import exifReader from 'exif-reader';
import sharp from 'sharp';
import { noisyJpeg } from './images';

/**
 * A JPEG as a phone writes it: camera make and model, a capture time, GPS coordinates, and an EXIF orientation
 * (6: the pixels are stored rotated; shown upright they are `height` x `width`).
 */
export async function phoneJpeg(
  width: number,
  height: number,
  options: { orientation?: number } = {},
): Promise<Buffer> {
  const pixels = await noisyJpeg(width, height, width * 31 + height);
  return sharp(pixels)
    .withExif({
      IFD0: { Make: 'Acme', Model: 'Phone 12', DateTime: '2025:05:01 10:20:30' },
      IFD2: { DateTimeOriginal: '2025:05:01 10:20:30' },
      IFD3: {
        GPSLatitudeRef: 'N',
        GPSLatitude: '35/1 41/1 22/1',
        GPSLongitudeRef: 'E',
        GPSLongitude: '139/1 41/1 30/1',
      },
    })
    .withMetadata({ orientation: options.orientation ?? 1 })
    .jpeg({ quality: 90 })
    .toBuffer();
}

/** The GPS tags of an image's EXIF, or null when there is no EXIF or no GPS IFD in it. */
export async function gpsTags(image: Buffer): Promise<Record<string, unknown> | null> {
  const { exif } = await sharp(image).metadata();
  if (!exif) return null;
  const gps = exifReader(exif).GPSInfo;
  return gps && Object.keys(gps).length > 0 ? gps : null;
}

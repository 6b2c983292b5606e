import sharp from 'sharp';
import { ciede2000 } from '@photo/shared/colour/ciede2000';
import { rgbToLab } from '@photo/shared/colour/lab';
import type { Lab, Rgb } from '@photo/shared/domain/palette';

/** An image as its distinct colours and how many pixels each has: the metrics below run once per colour, not pixel. */
export interface ColourHistogram {
  pixels: number;
  labs: Lab[];
  counts: number[];
}

/** Every pixel of the image shrunk to about `targetPixels` (never enlarged), upright, on white, in 8-bit sRGB. */
export async function histogramOf(path: string, targetPixels = 1_000_000): Promise<ColourHistogram> {
  const meta = await sharp(path).metadata();
  const width = meta.autoOrient?.width ?? meta.width ?? 0;
  const height = meta.autoOrient?.height ?? meta.height ?? 0;
  const scale = Math.min(1, Math.sqrt(targetPixels / (width * height)));
  const data = await sharp(path)
    .rotate()
    .flatten({ background: '#ffffff' })
    .removeAlpha()
    .toColourspace('srgb')
    .resize(Math.max(1, Math.round(width * scale)))
    .raw()
    .toBuffer();
  const counts = new Map<number, number>();
  for (let i = 0; i < data.length; i += 3) {
    const key = (data[i]! << 16) | (data[i + 1]! << 8) | data[i + 2]!;
    counts.set(key, (counts.get(key) ?? 0) + 1);
  }
  const histogram: ColourHistogram = { pixels: data.length / 3, labs: [], counts: [] };
  for (const [key, count] of counts) {
    histogram.labs.push(rgbToLab(key >>> 16, (key >>> 8) & 0xff, key & 0xff));
    histogram.counts.push(count);
  }
  return histogram;
}

export interface PaletteQuality {
  /** Mean over every pixel of the CIEDE2000 difference to its nearest palette colour (nearest by ΔE00). */
  meanDe00: number;
  /** Mean over every pixel of the squared Lab distance (ΔE76²) to its nearest palette colour (nearest by ΔE76). */
  labMse: number;
}

/** How well a palette, as the RGB colours it would paint with, represents every pixel of the image. */
export function paletteQuality(histogram: ColourHistogram, palette: readonly Rgb[]): PaletteQuality {
  if (palette.length === 0) return { meanDe00: NaN, labMse: NaN };
  const targets = palette.map(([r, g, b]) => rgbToLab(r, g, b));
  let de00 = 0;
  let mse = 0;
  histogram.labs.forEach((lab, i) => {
    let best00 = Infinity;
    let best76 = Infinity;
    for (const target of targets) {
      best00 = Math.min(best00, ciede2000(lab, target));
      best76 = Math.min(
        best76,
        (lab[0] - target[0]) ** 2 + (lab[1] - target[1]) ** 2 + (lab[2] - target[2]) ** 2,
      );
    }
    const count = histogram.counts[i]!;
    de00 += best00 * count;
    mse += best76 * count;
  });
  return { meanDe00: de00 / histogram.pixels, labMse: mse / histogram.pixels };
}

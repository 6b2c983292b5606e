import sharp from 'sharp';

/** A JPEG of noisy colour so it does not compress to nothing: roughly `width*height/5` bytes at quality 90. */
export async function noisyJpeg(width: number, height: number, seed = 1): Promise<Buffer> {
  const raw = Buffer.alloc(width * height * 3);
  let state = seed >>> 0 || 1;
  for (let i = 0; i < raw.length; i++) {
    state = (state * 1664525 + 1013904223) >>> 0;
    raw[i] = (state >>> 24) & 0xff;
  }
  return sharp(raw, { raw: { width, height, channels: 3 } }).jpeg({ quality: 90 }).toBuffer();
}

/** A PNG of flat colour blocks: exact colours, for checks that compare pixels. */
export async function blocksPng(width: number, height: number, colours: [number, number, number][]): Promise<Buffer> {
  const raw = Buffer.alloc(width * height * 3);
  const band = Math.ceil(width / colours.length);
  for (let y = 0; y < height; y++) {
    for (let x = 0; x < width; x++) {
      const c = colours[Math.min(colours.length - 1, Math.floor(x / band))]!;
      raw.set(c, (y * width + x) * 3);
    }
  }
  return sharp(raw, { raw: { width, height, channels: 3 } }).png().toBuffer();
}

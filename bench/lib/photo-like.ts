import sharp from 'sharp';

/**
 * A deterministic photo-like JPEG: smooth colour gradients with sensor-like noise, so it decodes and compresses about
 * as a camera shot does (pure noise would be the worst case, flat colour the best). Different seeds give different
 * gradients and noise.
 */
export async function photoLikeJpeg(
  width: number,
  height: number,
  seed: number,
  quality = 90,
): Promise<Buffer> {
  const raw = Buffer.alloc(width * height * 3);
  let state = (seed * 2654435761) >>> 0 || 1;
  const next = () => (state = (state * 1664525 + 1013904223) >>> 0);
  const phase = [next() / 2 ** 32, next() / 2 ** 32, next() / 2 ** 32].map((p) => p * Math.PI * 2);
  const scale = [250 + (next() % 200), 150 + (next() % 150), 400 + (next() % 300)];
  for (let y = 0; y < height; y++) {
    for (let x = 0; x < width; x++) {
      const noise = ((next() >>> 24) & 15) - 8;
      const i = (y * width + x) * 3;
      raw[i] = 128 + 90 * Math.sin(x / scale[0]! + phase[0]!) + noise;
      raw[i + 1] = 128 + 90 * Math.sin(y / scale[1]! + x / 900 + phase[1]!) + noise;
      raw[i + 2] = 128 + 90 * Math.cos((x + y) / scale[2]! + phase[2]!) + noise;
    }
  }
  return sharp(raw, { raw: { width, height, channels: 3 } })
    .jpeg({ quality })
    .toBuffer();
}

import sharp from 'sharp';

/**
 * A deterministic photo-like JPEG: smooth colour gradients with sensor-like noise, so it decodes and compresses about
 * as a camera shot does (pure noise would be the worst case, flat colour the best). Different seeds give different
 * gradients and noise. The gradients come from tables per column and row, so a 12 MP image takes well under a second.
 */
export async function photoLikeJpeg(
  width: number,
  height: number,
  seed: number,
  quality = 90,
): Promise<Buffer> {
  let state = (seed * 2654435761) >>> 0 || 1;
  const next = () => (state = (state * 1664525 + 1013904223) >>> 0);
  const phase = () => (next() / 2 ** 32) * Math.PI * 2;
  const [p0, p1, p2] = [phase(), phase(), phase()];
  const [s0, s1, s2] = [250 + (next() % 200), 150 + (next() % 150), 400 + (next() % 300)];
  const red = Float64Array.from({ length: width }, (_, x) => 128 + 90 * Math.sin(x / s0 + p0));
  const sinX = Float64Array.from({ length: width }, (_, x) => Math.sin(x / 900));
  const cosX = Float64Array.from({ length: width }, (_, x) => Math.cos(x / 900));
  const blue = Float64Array.from({ length: width + height }, (_, d) => 128 + 90 * Math.cos(d / s2 + p2));
  const raw = Buffer.alloc(width * height * 3);
  for (let y = 0; y < height; y++) {
    // sin(a + b) = sin a cos b + cos a sin b: the green channel's diagonal gradient from the two tables.
    const sinY = 90 * Math.sin(y / s1 + p1);
    const cosY = 90 * Math.cos(y / s1 + p1);
    for (let x = 0, i = y * width * 3; x < width; x++, i += 3) {
      const noise = ((next() >>> 24) & 15) - 8;
      raw[i] = red[x]! + noise;
      raw[i + 1] = 128 + sinY * cosX[x]! + cosY * sinX[x]! + noise;
      raw[i + 2] = blue[x + y]! + noise;
    }
  }
  return sharp(raw, { raw: { width, height, channels: 3 } })
    .jpeg({ quality })
    .toBuffer();
}

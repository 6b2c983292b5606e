import { writeFile } from 'node:fs/promises';
import QRCode from 'qrcode';
import sharp from 'sharp';

/**
 * A video for Chromium's fake camera (`--use-file-for-fake-video-capture=<file>.y4m`): a participant's QR code, as
 * a badge held up in front of the lens, on a background with some colour so the captured shot is a real picture.
 * YUV4MPEG2 with 4:2:0 chroma, the one layout Chromium's file capture reads; it plays the frames in a loop.
 */
export async function writeQrVideo(
  file: string,
  payload: string,
  options: { width?: number; height?: number; frames?: number; moduleSize?: number } = {},
): Promise<void> {
  const width = options.width ?? 640;
  const height = options.height ?? 480;
  const frames = options.frames ?? 2;
  const rgba = renderFrame(payload, width, height, options.moduleSize ?? 5);
  const frame = rgbaToI420(rgba, width, height);
  const header = Buffer.from(`YUV4MPEG2 W${width} H${height} F10:1 Ip A1:1 C420\n`, 'ascii');
  const parts: Buffer[] = [header];
  for (let i = 0; i < frames; i++) parts.push(Buffer.from('FRAME\n', 'ascii'), frame);
  await writeFile(file, Buffer.concat(parts));
}

/**
 * A video for the fake camera that plays a still picture (a face sample, for the front camera): the image fitted
 * whole into the frame on a grey background, so a selfie taken from it shows what the picture shows.
 */
export async function writeImageVideo(
  file: string,
  image: Buffer,
  options: { width?: number; height?: number; frames?: number } = {},
): Promise<void> {
  const width = options.width ?? 640;
  const height = options.height ?? 480;
  const rgba = await sharp(image)
    .resize({ width, height, fit: 'contain', background: '#808080' })
    .ensureAlpha()
    .raw()
    .toBuffer();
  const frame = rgbaToI420(new Uint8Array(rgba.buffer, rgba.byteOffset, rgba.length), width, height);
  const header = Buffer.from(`YUV4MPEG2 W${width} H${height} F10:1 Ip A1:1 C420\n`, 'ascii');
  const parts: Buffer[] = [header];
  for (let i = 0; i < (options.frames ?? 2); i++) parts.push(Buffer.from('FRAME\n', 'ascii'), frame);
  await writeFile(file, Buffer.concat(parts));
}

/** RGBA pixels: a warm gradient background with the QR code (and its quiet zone) in the middle. */
export function renderFrame(payload: string, width: number, height: number, moduleSize: number): Uint8Array {
  const { modules } = QRCode.create(payload, { errorCorrectionLevel: 'M' });
  const quiet = 4;
  const side = (modules.size + 2 * quiet) * moduleSize;
  if (side > Math.min(width, height)) throw new Error(`a ${side}px code does not fit ${width}x${height}`);
  const left = Math.floor((width - side) / 2);
  const top = Math.floor((height - side) / 2);
  const data = new Uint8Array(width * height * 4);
  for (let y = 0; y < height; y++) {
    for (let x = 0; x < width; x++) {
      const at = (y * width + x) * 4;
      const inside = x >= left && x < left + side && y >= top && y < top + side;
      if (inside) {
        const mx = Math.floor((x - left) / moduleSize) - quiet;
        const my = Math.floor((y - top) / moduleSize) - quiet;
        const dark =
          mx >= 0 && my >= 0 && mx < modules.size && my < modules.size && modules.get(my, mx) === 1;
        data.fill(dark ? 0 : 255, at, at + 3);
      } else {
        data[at] = 200 + Math.round((55 * x) / width);
        data[at + 1] = 120 + Math.round((60 * y) / height);
        data[at + 2] = 90;
      }
      data[at + 3] = 255;
    }
  }
  return data;
}

/** BT.601 full-range RGB → I420 (Y plane, then U and V at half resolution, each the mean of a 2×2 block). */
export function rgbaToI420(rgba: Uint8Array, width: number, height: number): Buffer {
  const ySize = width * height;
  const cw = width / 2;
  const ch = height / 2;
  const out = Buffer.alloc(ySize + 2 * cw * ch);
  for (let i = 0; i < ySize; i++) {
    const [r, g, b] = [rgba[i * 4]!, rgba[i * 4 + 1]!, rgba[i * 4 + 2]!];
    out[i] = clamp(0.299 * r + 0.587 * g + 0.114 * b);
  }
  for (let cy = 0; cy < ch; cy++) {
    for (let cx = 0; cx < cw; cx++) {
      let u = 0;
      let v = 0;
      for (const [dx, dy] of [
        [0, 0],
        [1, 0],
        [0, 1],
        [1, 1],
      ] as const) {
        const at = ((cy * 2 + dy) * width + cx * 2 + dx) * 4;
        const [r, g, b] = [rgba[at]!, rgba[at + 1]!, rgba[at + 2]!];
        u += -0.168736 * r - 0.331264 * g + 0.5 * b + 128;
        v += 0.5 * r - 0.418688 * g - 0.081312 * b + 128;
      }
      out[ySize + cy * cw + cx] = clamp(u / 4);
      out[ySize + cw * ch + cy * cw + cx] = clamp(v / 4);
    }
  }
  return out;
}

const clamp = (value: number) => Math.max(0, Math.min(255, Math.round(value)));

import { readFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import QRCode from 'qrcode';
import { beforeAll, describe, expect, it } from 'vitest';
import { createQrDecoder, type Pixels, type QrDecoder } from './qr-decoder';

/** A QR code as RGBA pixels: `scale` pixels a module, a 4-module quiet zone, centred on a grey frame. */
function renderQr(text: string, frame = { width: 320, height: 240 }, scale = 4): Pixels {
  const { modules } = QRCode.create(text, { errorCorrectionLevel: 'M' });
  const data = new Uint8ClampedArray(frame.width * frame.height * 4).fill(160);
  const side = (modules.size + 8) * scale;
  const left = Math.floor((frame.width - side) / 2);
  const top = Math.floor((frame.height - side) / 2);
  for (let y = 0; y < side; y++) {
    for (let x = 0; x < side; x++) {
      const mx = Math.floor(x / scale) - 4;
      const my = Math.floor(y / scale) - 4;
      const dark = mx >= 0 && my >= 0 && mx < modules.size && my < modules.size && modules.get(my, mx) === 1;
      const at = ((top + y) * frame.width + left + x) * 4;
      data.fill(dark ? 0 : 255, at, at + 3);
    }
  }
  for (let i = 3; i < data.length; i += 4) data[i] = 255;
  return { ...frame, data };
}

let decoder: QrDecoder;
beforeAll(async () => {
  const wasmPath = createRequire(import.meta.url).resolve('zxing-wasm/reader/zxing_reader.wasm');
  const bytes = await readFile(wasmPath);
  decoder = createQrDecoder({
    binary: bytes.buffer.slice(bytes.byteOffset, bytes.byteOffset + bytes.length),
  });
});

describe('QR decoder', () => {
  it('when a frame shows a participant QR code, then its payload is read exactly', async () => {
    const payload = 'PQR1.v_0123456789abcdefghij.1767225600.Zm9vYmFyYmF6cXV4cXV1eA';
    expect(await decoder.decode(renderQr(payload))).toBe(payload);
  });

  it('when a frame has no code, then nothing is read', async () => {
    expect(
      await decoder.decode({ width: 64, height: 48, data: new Uint8ClampedArray(64 * 48 * 4).fill(200) }),
    ).toBe(null);
  });
});

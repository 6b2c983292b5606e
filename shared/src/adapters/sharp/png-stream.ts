import { createWriteStream } from 'node:fs';
import { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { crc32, createDeflate } from 'node:zlib';

/**
 * Writes an 8-bit RGB PNG from chunks of whole rows, holding one chunk at a time. sharp cannot do this: its
 * stream output is one buffer of the whole image and its stream input is concatenated before decoding.
 */
export async function writeRgbPng(
  dest: string,
  width: number,
  height: number,
  rows: AsyncIterable<Uint8Array>,
  compressionLevel = 6,
): Promise<void> {
  await pipeline(
    // One chunk in flight (an object stream would hold 16 by default): memory stays a few megabytes whatever the size.
    Readable.from(withFilterBytes(rows, width * 3), { objectMode: true, highWaterMark: 1 }),
    // Filter "none" on every row, as libpng with adaptive filtering off: posterised rows repeat and deflate well as is.
    createDeflate({ level: compressionLevel, chunkSize: 64 * 1024 }),
    async function* (compressed: AsyncIterable<Buffer>) {
      yield PNG_SIGNATURE;
      yield chunk('IHDR', header(width, height));
      for await (const data of compressed) yield chunk('IDAT', data);
      yield chunk('IEND', Buffer.alloc(0));
    },
    createWriteStream(dest),
  );
}

const PNG_SIGNATURE = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);

async function* withFilterBytes(rows: AsyncIterable<Uint8Array>, stride: number): AsyncGenerator<Buffer> {
  for await (const block of rows) {
    if (block.length % stride !== 0)
      throw new RangeError(`a chunk of ${block.length} bytes is not whole rows of ${stride}`);
    const count = block.length / stride;
    const out = Buffer.alloc(count * (stride + 1)); // zero-filled: filter type 0 before each row
    for (let y = 0; y < count; y++)
      out.set(block.subarray(y * stride, (y + 1) * stride), y * (stride + 1) + 1);
    yield out;
  }
}

function header(width: number, height: number): Buffer {
  const ihdr = Buffer.alloc(13);
  ihdr.writeUInt32BE(width, 0);
  ihdr.writeUInt32BE(height, 4);
  ihdr[8] = 8; // bits per channel
  ihdr[9] = 2; // truecolour RGB
  return ihdr; // compression, filter method and interlace all 0
}

function chunk(type: string, data: Buffer): Buffer {
  const out = Buffer.alloc(data.length + 12);
  out.writeUInt32BE(data.length, 0);
  out.write(type, 4, 'latin1');
  data.copy(out, 8);
  out.writeUInt32BE(crc32(out.subarray(4, 8 + data.length)), 8 + data.length);
  return out;
}

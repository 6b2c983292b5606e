import { open } from 'node:fs/promises';
import type { FileHandle } from 'node:fs/promises';

/**
 * Reads the pixels of a libvips native file (`.v`), a few rows at a time. sharp can write one with bounded memory
 * (libvips streams it to disc strip by strip), but has no raw file output and no true stream output.
 *
 * Layout: a 64-byte header (magic, then int32 width, height, bands, bbits, band format, coding, ...), the pixels
 * uncompressed and band-interleaved, then an XML trailer of metadata.
 */
const HEADER_BYTES = 64;
const MAGIC_LITTLE_ENDIAN = 0xb6a6f208;
const MAGIC_BIG_ENDIAN = 0x08f2a6b6;
const FORMAT_UCHAR = 0;
const CODING_NONE = 0;

export interface VipsRgbFile {
  width: number;
  height: number;
  /** Whole rows of packed 8-bit RGB, about `chunkBytes` at a time; each chunk is a fresh buffer the caller may keep. */
  rows(chunkBytes?: number): AsyncGenerator<Buffer>;
  close(): Promise<void>;
}

export async function openVipsRgbFile(path: string): Promise<VipsRgbFile> {
  const file = await open(path, 'r');
  try {
    const head = Buffer.alloc(HEADER_BYTES);
    const { bytesRead } = await file.read(head, 0, HEADER_BYTES, 0);
    const magic = head.readUInt32BE(0);
    if (bytesRead < HEADER_BYTES || (magic !== MAGIC_LITTLE_ENDIAN && magic !== MAGIC_BIG_ENDIAN)) {
      throw new Error(`${path} is not a libvips file`);
    }
    const int = (offset: number) =>
      magic === MAGIC_LITTLE_ENDIAN ? head.readInt32LE(offset) : head.readInt32BE(offset);
    const [width, height, bands, format, coding] = [int(4), int(8), int(12), int(20), int(24)];
    if (bands !== 3 || format !== FORMAT_UCHAR || coding !== CODING_NONE) {
      throw new Error(`expected 8-bit RGB, got ${bands} bands of format ${format} (coding ${coding})`);
    }
    const stride = width * 3;
    return {
      width,
      height,
      async *rows(chunkBytes = 1 << 20) {
        const rowsPerChunk = Math.max(1, Math.floor(chunkBytes / stride));
        for (let y = 0; y < height; y += rowsPerChunk) {
          const block = Buffer.allocUnsafe(Math.min(rowsPerChunk, height - y) * stride);
          await readFully(file, block, HEADER_BYTES + y * stride);
          yield block;
        }
      },
      close: () => file.close(),
    };
  } catch (err) {
    await file.close();
    throw err;
  }
}

async function readFully(file: FileHandle, block: Buffer, position: number): Promise<void> {
  for (let at = 0; at < block.length;) {
    const { bytesRead } = await file.read(block, at, block.length - at, position + at);
    if (bytesRead === 0) throw new Error('the libvips file ended before its pixels did');
    at += bytesRead;
  }
}

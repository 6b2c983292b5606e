import { createHash } from 'node:crypto';
import { deflateSync } from 'node:zlib';
import { crc32, pngChunk } from './images';

/**
 * Damaged images as real cameras, networks and attackers make them: each one has a whole, valid header, so only a
 * full decode can tell it from a good file.
 */

const PNG_SIGNATURE = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);

/**
 * A PNG with one bit of one byte of its first IDAT chunk's data changed (past the zlib header). With `fixCrc` the
 * chunk's CRC is recomputed, so only the decoder (inflate, the zlib checksum, the filters) can notice.
 */
export function flippedPng(png: Buffer, options: { at?: number; fixCrc?: boolean } = {}): Buffer {
  const out = Buffer.from(png);
  const type = out.indexOf('IDAT', PNG_SIGNATURE.length, 'latin1');
  if (type < 0) throw new Error('no IDAT chunk');
  const length = out.readUInt32BE(type - 4);
  const at = Math.min(length - 1, options.at ?? Math.floor(length / 2));
  out[type + 4 + at]! ^= 0x10;
  if (options.fixCrc) out.writeUInt32BE(crc32(out.subarray(type, type + 4 + length)), type + 4 + length);
  return out;
}

/**
 * A well-formed PNG (valid chunks, CRCs and zlib stream) that declares `width` x `height` RGB pixels but holds the
 * data of `rows` rows only: the decoder runs out of data long before the image ends.
 */
export function shortPng(width: number, height: number, rows: number): Buffer {
  const header = Buffer.alloc(13);
  header.writeUInt32BE(width, 0);
  header.writeUInt32BE(height, 4);
  header[8] = 8; // bits per channel
  header[9] = 2; // truecolour RGB
  const data = Buffer.alloc(rows * (1 + width * 3), 0x80);
  for (let y = 0; y < rows; y++) data[y * (1 + width * 3)] = 0; // filter type "none"
  return Buffer.concat([
    PNG_SIGNATURE,
    pngChunk('IHDR', header),
    pngChunk('IDAT', deflateSync(data)),
    pngChunk('IEND', Buffer.alloc(0)),
  ]);
}

/** The first `keep` bytes of a real JPEG (its headers and tables), then deterministic noise up to the same length. */
export function noisyTailJpeg(jpeg: Buffer, keep = 600, seed = 'jpeg'): Buffer {
  return Buffer.concat([jpeg.subarray(0, keep), noise(jpeg.length - keep, seed)]);
}

/** Deterministic bytes that look random. */
export function noise(length: number, seed: string): Buffer {
  const blocks: Buffer[] = [];
  for (let i = 0; blocks.length * 32 < length; i++)
    blocks.push(createHash('sha256').update(`${seed}:${i}`).digest());
  return Buffer.concat(blocks).subarray(0, length);
}

import { crc32 } from 'node:zlib';
import fc from 'fast-check';
import sharp from 'sharp';
import { blocksPng, noisyJpeg } from '@photo/shared/testing/images';

/** Valid images of every format the system may see, small so each case is quick. */
export interface ImageSeed {
  format: 'jpeg' | 'png' | 'webp' | 'avif';
  contentType: string;
  bytes: Buffer;
}

export async function imageSeeds(): Promise<ImageSeed[]> {
  const jpeg = await noisyJpeg(48, 32, 11);
  const png = await blocksPng(40, 24, [
    [200, 30, 30],
    [20, 150, 60],
    [30, 50, 190],
  ]);
  const webp = await sharp(jpeg).webp({ quality: 80 }).toBuffer();
  const avif = await sharp(jpeg).avif({ quality: 50, effort: 0 }).toBuffer();
  return [
    { format: 'jpeg', contentType: 'image/jpeg', bytes: jpeg },
    { format: 'png', contentType: 'image/png', bytes: png },
    { format: 'webp', contentType: 'image/webp', bytes: webp },
    { format: 'avif', contentType: 'image/avif', bytes: avif },
  ];
}

/**
 * Where the format's structure changes: PNG chunks, JPEG markers, RIFF chunks, ISO-BMFF boxes. Truncating or
 * damaging at these offsets reaches each region of the file (signature, header, tables, pixel data, trailer).
 */
export function regionOffsets(seed: ImageSeed): number[] {
  const b = seed.bytes;
  const offsets = new Set<number>([0, 1, b.length - 1]);
  if (seed.format === 'png') {
    for (let at = 8; at + 8 <= b.length; at += 12 + b.readUInt32BE(at)) offsets.add(at).add(at + 8);
  } else if (seed.format === 'jpeg') {
    for (let i = 0; i + 1 < b.length; i++)
      if (b[i] === 0xff && b[i + 1] !== 0 && b[i + 1] !== 0xff) offsets.add(i);
  } else if (seed.format === 'webp') {
    for (let at = 12; at + 8 <= b.length; at += 8 + b.readUInt32LE(at + 4) + (b.readUInt32LE(at + 4) % 2))
      offsets.add(at).add(at + 8);
  } else {
    for (let at = 0; at + 8 <= b.length;) {
      const size = b.readUInt32BE(at);
      offsets.add(at).add(at + 8);
      if (size < 8) break;
      // meta and its children: descend one level so the item boxes (ispe, ipco) are regions of their own
      const type = b.toString('latin1', at + 4, at + 8);
      at = type === 'meta' ? at + 12 : at + size;
    }
  }
  return [...offsets].filter((o) => o >= 0 && o < b.length).sort((x, y) => x - y);
}

/** PNG chunks with their CRCs fixed after a change, so a check of CRCs alone cannot catch it: only a full decode can. */
function withFixedPngCrcs(bytes: Buffer): Buffer {
  const out = Buffer.from(bytes);
  for (let at = 8; at + 12 <= out.length;) {
    const length = out.readUInt32BE(at);
    if (at + 12 + length > out.length) break;
    out.writeUInt32BE(crc32(out.subarray(at + 4, at + 8 + length)) >>> 0, at + 8 + length);
    at += 12 + length;
  }
  return out;
}

export interface Mutation {
  name: string;
  bytes: Buffer;
}

/** A byte-level mutation of a valid image; each names what it did so a failure reads plainly. */
export function mutatedImage(seed: ImageSeed): fc.Arbitrary<Mutation> {
  const b = seed.bytes;
  const regions = regionOffsets(seed);
  const region = fc.constantFrom(...regions);
  const position = fc.integer({ min: 0, max: b.length - 1 });
  const flips = fc.array(fc.tuple(position, fc.integer({ min: 1, max: 255 })), {
    minLength: 1,
    maxLength: 8,
  });
  const flip = (list: [number, number][]) => {
    const out = Buffer.from(b);
    for (const [at, x] of list) out[at] = out[at]! ^ x;
    return out;
  };
  const mutations: fc.Arbitrary<Mutation>[] = [
    flips.map((list) => ({ name: `flip ${list.map(([a]) => a).join(',')}`, bytes: flip(list) })),
    fc
      .tuple(region, fc.integer({ min: -3, max: 3 }))
      .map(([at, d]) => Math.max(1, Math.min(b.length - 1, at + d)))
      .map((at) => ({ name: `truncate at ${at} of ${b.length}`, bytes: b.subarray(0, at) })),
    position.map((at) => ({ name: `truncate at ${at}`, bytes: b.subarray(0, Math.max(1, at)) })),
    fc.tuple(region, fc.uint8Array({ minLength: 1, maxLength: 64 })).map(([at, junk]) => ({
      name: `insert ${junk.length} bytes at ${at}`,
      bytes: Buffer.concat([b.subarray(0, at), Buffer.from(junk), b.subarray(at)]),
    })),
    fc.tuple(region, region).map(([x, y]) => ({
      name: `cut ${Math.min(x, y)}..${Math.max(x, y)}`,
      bytes: Buffer.concat([b.subarray(0, Math.min(x, y)), b.subarray(Math.max(x, y) + 1)]),
    })),
    fc.constantFrom(
      { name: 'header only', bytes: b.subarray(0, Math.min(b.length, 32)) },
      { name: 'doubled', bytes: Buffer.concat([b, b]) },
      {
        name: 'zeroed second half',
        bytes: Buffer.concat([b.subarray(0, b.length >> 1), Buffer.alloc(b.length - (b.length >> 1))]),
      },
    ),
  ];
  if (seed.format === 'png') {
    const idat = regions.filter((at) => at >= 8 && b.toString('latin1', at + 4, at + 8) === 'IDAT');
    mutations.push(
      // Altered pixel data with valid CRCs: the corrupt PNGs that were once stored with 201.
      fc
        .tuple(fc.constantFrom(...idat), fc.integer({ min: 8, max: 40 }), fc.integer({ min: 1, max: 255 }))
        .map(([at, d, x]) => {
          const out = Buffer.from(b);
          const i = Math.min(at + d, at + 8 + b.readUInt32BE(at) - 1);
          out[i] = out[i]! ^ x;
          return { name: `IDAT byte ${i} ^ ${x}, CRCs fixed`, bytes: withFixedPngCrcs(out) };
        }),
      // A header that declares far more pixels than the data holds.
      fc.tuple(fc.integer({ min: 41, max: 4000 }), fc.integer({ min: 25, max: 4000 })).map(([w, h]) => {
        const out = Buffer.from(b);
        out.writeUInt32BE(w, 16);
        out.writeUInt32BE(h, 20);
        return { name: `IHDR says ${w}x${h}, CRCs fixed`, bytes: withFixedPngCrcs(out) };
      }),
    );
  }
  return fc.oneof(...mutations);
}

/** Whether bytes are a whole image: the full decode sharp does by default, warnings (corrupt data) included. */
export async function decodesFully(bytes: Buffer): Promise<boolean> {
  try {
    await sharp(bytes, { failOn: 'warning', limitInputPixels: 50_000_000 }).raw().toBuffer();
    return true;
  } catch {
    return false;
  }
}

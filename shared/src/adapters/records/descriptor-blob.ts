import { DESCRIPTOR_LENGTH } from '../../domain/gallery';

/** A descriptor as 128 little-endian float32s: 512 bytes, and exact for what face-api computes (float32). */
export function descriptorToBlob(descriptor: number[]): Buffer {
  if (descriptor.length !== DESCRIPTOR_LENGTH)
    throw new Error(`a descriptor has ${DESCRIPTOR_LENGTH} numbers`);
  const blob = Buffer.alloc(DESCRIPTOR_LENGTH * 4);
  descriptor.forEach((value, i) => blob.writeFloatLE(value, i * 4));
  return blob;
}

export function blobToDescriptor(blob: Buffer): number[] {
  const out: number[] = [];
  for (let i = 0; i < blob.length; i += 4) out.push(blob.readFloatLE(i));
  return out;
}

import { createHash } from 'node:crypto';
import { createWriteStream } from 'node:fs';
import { Transform } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import type { TempFiles } from '@photo/shared/io/blob-files';
import type { BlobStore } from '@photo/shared/ports/blob-store.port';

export interface DownloadedFile {
  path: string;
  bytes: number;
  sha256: string;
}

/** Streams an object to a temp file, counting and hashing on the way; null when the object does not exist. */
export async function downloadHashed(
  blobs: BlobStore,
  key: string,
  files: TempFiles,
): Promise<DownloadedFile | null> {
  const object = await blobs.get(key);
  if (!object) return null;
  const path = files.path('.upload');
  const hash = createHash('sha256');
  let bytes = 0;
  const meter = new Transform({
    transform(chunk: Buffer, _encoding, done) {
      bytes += chunk.length;
      hash.update(chunk);
      done(null, chunk);
    },
  });
  await pipeline(object.body, meter, createWriteStream(path, { mode: 0o600 }));
  return { path, bytes, sha256: hash.digest('hex') };
}

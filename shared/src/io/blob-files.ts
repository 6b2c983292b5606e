import { createHash, randomBytes } from 'node:crypto';
import { createReadStream, createWriteStream } from 'node:fs';
import { mkdir, rm, stat } from 'node:fs/promises';
import { join } from 'node:path';
import { pipeline } from 'node:stream/promises';
import type { BlobStore } from '../ports/blob-store.port';

export interface TempFiles {
  /** A fresh path in the worker's temp directory. */
  path(suffix: string): string;
  /** Removes every file handed out. */
  cleanup(): Promise<void>;
}

/** Temp files of one job, removed together whatever happens to the job. */
export async function tempFiles(dir: string): Promise<TempFiles> {
  await mkdir(dir, { recursive: true });
  const paths: string[] = [];
  return {
    path(suffix) {
      const p = join(dir, `${randomBytes(12).toString('hex')}${suffix}`);
      paths.push(p);
      return p;
    },
    cleanup: () => Promise.all(paths.map((p) => rm(p, { force: true }))).then(() => undefined),
  };
}

/** Streams an object to a file; null if the object does not exist. */
export async function downloadBlob(blobs: BlobStore, key: string, dest: string): Promise<string | null> {
  const object = await blobs.get(key);
  if (!object) return null;
  await pipeline(object.body, createWriteStream(dest, { mode: 0o600 }));
  return dest;
}

export interface UploadedFile {
  bytes: number;
  sha256: string;
  /** False when the key already held an object (a redelivered job): the first one stays. */
  created: boolean;
}

/**
 * Stores a file under `key`. Derived keys are a function of the job's inputs, so an existing object at the key is the
 * same result written by an earlier delivery of the same job: it is kept, not duplicated.
 */
export async function uploadFile(
  blobs: BlobStore,
  key: string,
  path: string,
  contentType: string,
): Promise<UploadedFile> {
  const hash = createHash('sha256');
  await pipeline(createReadStream(path), hash);
  const sha256 = hash.digest('hex');
  const { size } = await stat(path);
  if (await blobs.stat(key)) return { bytes: size, sha256, created: false };
  try {
    await blobs.put(key, createReadStream(path), { contentType });
    return { bytes: size, sha256, created: true };
  } catch (err) {
    if (await blobs.stat(key)) return { bytes: size, sha256, created: false };
    throw err;
  }
}

import { createHash } from 'node:crypto';
import { createWriteStream } from 'node:fs';
import { mkdir, rm } from 'node:fs/promises';
import { join } from 'node:path';
import { Transform, type Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { randomToken } from '../security/hashing';
import { errors } from '../errors/errors';

export interface SpooledFile {
  path: string;
  bytes: number;
  sha256: string;
  /** Removes the file; safe to call twice. */
  remove(): Promise<void>;
}

/**
 * Streams a request body to a private temp file, hashing and counting as it goes, and stops with
 * REQUEST.TOO_LARGE the moment it passes `maxBytes`: memory stays flat whatever the client sends.
 */
export async function spoolToFile(source: Readable, dir: string, maxBytes: number): Promise<SpooledFile> {
  await mkdir(dir, { recursive: true });
  const path = join(dir, `upload-${randomToken(96)}`);
  const hash = createHash('sha256');
  let bytes = 0;
  const meter = new Transform({
    transform(chunk: Buffer, _enc, done) {
      bytes += chunk.length;
      if (bytes > maxBytes) return done(errors.payloadTooLarge(maxBytes));
      hash.update(chunk);
      done(null, chunk);
    },
  });
  const remove = () => rm(path, { force: true });
  try {
    await pipeline(source, meter, createWriteStream(path, { mode: 0o600 }));
  } catch (err) {
    await remove();
    throw err;
  }
  return { path, bytes, sha256: hash.digest('hex'), remove };
}

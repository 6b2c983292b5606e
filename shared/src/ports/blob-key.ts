import { errors } from '../errors/errors';

/** The key format of every BlobStore (see blob-store.port.ts). */
export const SEGMENT = /^[A-Za-z0-9._-]+$/;
export const MAX_KEY_LENGTH = 512;
/** Filesystems cap a name at 255 bytes; a segment also needs room for its sidecar suffix (`#<inode>.json`). */
const MAX_SEGMENT_LENGTH = 200;

/** Stable codes every BlobStore adapter throws, checked by the contract tests. */
export const blobErrors = { invalidKey: errors.blobInvalidKey, exists: errors.blobExists };

/**
 * Throws unless `key` is `/`-separated segments of [A-Za-z0-9._-], none empty, `.` or `..`, each at most 200 chars,
 * 512 in all.
 */
export function assertValidKey(key: string): void {
  if (key.length === 0 || key.length > MAX_KEY_LENGTH) {
    throw blobErrors.invalidKey(key.slice(0, 80), `length must be 1 to ${MAX_KEY_LENGTH}`);
  }
  for (const segment of key.split('/')) {
    if (!isSegment(segment)) throw blobErrors.invalidKey(key, `bad segment ${JSON.stringify(segment)}`);
    if (segment.length > MAX_SEGMENT_LENGTH) {
      throw blobErrors.invalidKey(key.slice(0, 80), `a segment is longer than ${MAX_SEGMENT_LENGTH}`);
    }
  }
}

export const isSegment = (s: string): boolean => SEGMENT.test(s) && s !== '.' && s !== '..';

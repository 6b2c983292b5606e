import type { Readable } from 'node:stream';

export interface BlobInfo {
  key: string;
  bytes: number;
  contentType: string;
}

/** An object as a listing describes it: with the time it was last written, for sweeps that leave young objects be. */
export interface BlobListing extends BlobInfo {
  updatedAt: Date;
}

export interface BlobObject extends BlobInfo {
  /** A stream of the bytes: never the whole object in memory. */
  body: Readable;
}

/** One bucket of objects. Keys are `/`-separated paths without `.` or `..` segments. */
export interface BlobStore {
  /** Writes the whole object or nothing (no partial object is ever visible). Fails if the key exists. */
  put(key: string, body: Readable | Buffer, meta: { contentType: string }): Promise<BlobInfo>;
  /**
   * The object, or null if there is none. `known` is what the caller's own records say the object is (its content
   * type): an adapter may take it instead of reading the object's metadata, and answers it as the object's type.
   */
  get(key: string, known?: { contentType: string }): Promise<BlobObject | null>;
  stat(key: string): Promise<BlobInfo | null>;
  /** Idempotent. */
  delete(key: string): Promise<void>;
  /** Keys under a prefix, in lexical order. */
  list(prefix: string): AsyncIterable<BlobListing>;
}

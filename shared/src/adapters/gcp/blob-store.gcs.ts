import type { Bucket, File, FileMetadata, Storage } from '@google-cloud/storage';
import { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import type { BlobInfo, BlobListing, BlobObject, BlobStore } from '../../ports/blob-store.port';
import { assertValidKey, blobErrors } from '../../ports/blob-key';

/** Cloud Storage caps a V4 signature's lifetime at seven days. */
const MAX_SIGNED_SECONDS = 7 * 24 * 3600;
const LIST_PAGE = 1000;

/** A browser upload straight to the bucket: PUT the bytes to `url` with exactly these headers (they are signed). */
export interface SignedUpload {
  url: string;
  method: 'PUT';
  headers: Record<string, string>;
  expiresAt: Date;
}

/**
 * A Cloud Storage bucket. Objects are written with one simple (non-resumable) upload guarded by
 * `ifGenerationMatch: 0`, so a key is never overwritten and an upload cut short leaves no object; crc32c is checked
 * end to end on upload and download. Signing URLs needs a key: the service account's own on a developer machine,
 * IAM signBlob (roles/iam.serviceAccountTokenCreator on itself) on Cloud Run.
 */
export class GcsBlobStore implements BlobStore {
  private readonly bucket: Bucket;

  constructor(storage: Storage, bucketName: string) {
    this.bucket = storage.bucket(bucketName);
  }

  async put(key: string, body: Readable | Buffer, meta: { contentType: string }): Promise<BlobInfo> {
    const file = this.file(key);
    const upload = file.createWriteStream({
      resumable: false,
      preconditionOpts: { ifGenerationMatch: 0 },
      contentType: meta.contentType,
      validation: 'crc32c',
    });
    try {
      await pipeline(Buffer.isBuffer(body) ? Readable.from([body]) : body, upload);
    } catch (err) {
      if (statusOf(err) === 412) throw blobErrors.exists(key);
      throw err;
    }
    return { key, bytes: Number(file.metadata.size ?? 0), contentType: meta.contentType };
  }

  async get(key: string): Promise<BlobObject | null> {
    const metadata = await this.metadataOf(key);
    if (!metadata) return null;
    // Pinned to the generation described, so a delete and re-put in between cannot mix two objects.
    const body = this.bucket
      .file(key, { generation: metadata.generation })
      .createReadStream({ validation: 'crc32c' });
    return { ...describe(key, metadata), body };
  }

  async stat(key: string): Promise<BlobInfo | null> {
    const metadata = await this.metadataOf(key);
    return metadata ? describe(key, metadata) : null;
  }

  async delete(key: string): Promise<void> {
    await this.file(key).delete({ ignoreNotFound: true });
  }

  async *list(prefix: string): AsyncIterable<BlobListing> {
    let pageToken: string | undefined;
    do {
      const [files, next] = await this.bucket.getFiles({
        prefix,
        autoPaginate: false,
        maxResults: LIST_PAGE,
        pageToken,
      });
      for (const file of files) {
        const updated = file.metadata.updated ?? file.metadata.timeCreated;
        yield { ...describe(file.name, file.metadata), updatedAt: new Date(updated ?? 0) };
      }
      pageToken = next && 'pageToken' in next ? next.pageToken : undefined;
    } while (pageToken);
  }

  /**
   * A V4 signed PUT that only accepts `contentType`, between `minBytes` (default 0) and `maxBytes`, and only while the
   * key is free.
   */
  async signedUploadUrl(
    key: string,
    options: { contentType: string; minBytes?: number; maxBytes: number; expiresSeconds: number },
  ): Promise<SignedUpload> {
    const expiresAt = expiry(options.expiresSeconds);
    const headers = {
      'X-Goog-Content-Length-Range': `${options.minBytes ?? 0},${options.maxBytes}`,
      // The XML API's form of ifGenerationMatch: the signed URL cannot overwrite an object either.
      'X-Goog-If-Generation-Match': '0',
    };
    const [url] = await this.file(key).getSignedUrl({
      version: 'v4',
      action: 'write',
      expires: expiresAt,
      contentType: options.contentType,
      extensionHeaders: headers,
    });
    return { url, method: 'PUT', headers: { 'Content-Type': options.contentType, ...headers }, expiresAt };
  }

  /** A V4 signed GET of one object. */
  async signedReadUrl(key: string, expiresSeconds: number): Promise<string> {
    const [url] = await this.file(key).getSignedUrl({
      version: 'v4',
      action: 'read',
      expires: expiry(expiresSeconds),
    });
    return url;
  }

  private file(key: string): File {
    assertValidKey(key);
    return this.bucket.file(key);
  }

  private async metadataOf(key: string): Promise<FileMetadata | null> {
    try {
      const [metadata] = await this.file(key).getMetadata();
      return metadata;
    } catch (err) {
      if (statusOf(err) === 404) return null;
      throw err;
    }
  }
}

function describe(key: string, metadata: FileMetadata): BlobInfo {
  return {
    key,
    bytes: Number(metadata.size ?? 0),
    contentType: metadata.contentType ?? 'application/octet-stream',
  };
}

function expiry(seconds: number): Date {
  if (!Number.isInteger(seconds) || seconds < 1 || seconds > MAX_SIGNED_SECONDS) {
    throw new RangeError(`A signed URL lives 1 to ${MAX_SIGNED_SECONDS} seconds, not ${seconds}.`);
  }
  return new Date(Date.now() + seconds * 1000);
}

const statusOf = (err: unknown): unknown => (err as { code?: unknown } | null)?.code;

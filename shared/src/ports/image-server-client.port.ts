import type { Readable } from 'node:stream';
import type { ImageKind, ImageVariant, RenditionVariant, StoredVariant } from '../domain/image';

export interface UploadVersionRequest {
  imageId: string;
  kind: ImageKind;
  ownerVisitorId: string | null;
  expectedVersion: number;
  idempotencyKey: string | null;
  contentType: string;
  /** Streamed through to the image server, never buffered whole. */
  body: Readable;
}

/** The upload pipeline's handoff: an upload already in the bucket becomes a version; the image server reads it by key. */
export interface ImportUploadRequest extends Omit<
  UploadVersionRequest,
  'contentType' | 'body' | 'idempotencyKey'
> {
  idempotencyKey: string;
  /** `uploads/{intentId}`: the only objects the image server imports. */
  objectKey: string;
  /** The SHA-256 the pipeline verified: another object under the key is refused (UPLOAD.OBJECT_CHANGED). */
  sha256: string;
}

/** A size and format the upload pipeline stored under `derived/uploads/`, to be recorded as a variant. */
export type Rendition = Pick<
  StoredVariant,
  'blobKey' | 'contentType' | 'bytes' | 'sha256' | 'width' | 'height'
> & {
  variant: RenditionVariant;
};

export interface UploadedVersion {
  imageId: string;
  version: number;
  status: string;
  bytes: number;
  width: number;
  height: number;
  contentType: string;
  /** False when the same idempotency key had already stored it. */
  created: boolean;
}

export interface IssuedImageLink {
  url: string;
  imageId: string;
  version: number;
  variant: ImageVariant;
  expiresAt: string;
}

/**
 * Other services' view of the image server (the seed's 画像管理サーバー), the one writer of image versions and their
 * variants. Errors arrive as AppErrors with their codes.
 */
export interface ImageServerClient {
  uploadVersion(request: UploadVersionRequest): Promise<UploadedVersion>;
  importUpload(request: ImportUploadRequest): Promise<UploadedVersion>;
  /** Records renditions of a version as its variants (each object must be stored as described); idempotent. */
  recordRenditions(imageId: string, version: number, renditions: Rendition[]): Promise<void>;
  issueLink(imageId: string, variant: ImageVariant | null): Promise<IssuedImageLink>;
}

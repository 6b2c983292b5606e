import type { Readable } from 'node:stream';
import type { ImageKind, ImageVariant } from '../domain/image';

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

/** The backend's view of the image server (the seed's 画像管理サーバー). Errors arrive as AppErrors with their codes. */
export interface ImageServerClient {
  uploadVersion(request: UploadVersionRequest): Promise<UploadedVersion>;
  issueLink(imageId: string, variant: ImageVariant | null): Promise<IssuedImageLink>;
}

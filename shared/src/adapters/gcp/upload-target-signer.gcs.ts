import type {
  UploadConditions,
  UploadTarget,
  UploadTargetSigner,
} from '../../ports/upload-target-signer.port';
import type { GcsBlobStore } from './blob-store.gcs';

/**
 * Cloud: a V4 signed PUT straight to the bucket. The signature binds the key, the exact Content-Type, the
 * x-goog-content-length-range and x-goog-if-generation-match: 0, so Cloud Storage itself refuses a wrong type, a
 * size outside the range, another key, or an overwrite. The bucket's OBJECT_FINALIZE notification on uploads/
 * announces the finished upload.
 */
export class GcsUploadTargetSigner implements UploadTargetSigner {
  constructor(
    private readonly blobs: GcsBlobStore,
    private readonly clock: { now(): Date } = { now: () => new Date() },
  ) {}

  async sign(conditions: UploadConditions): Promise<UploadTarget> {
    const seconds = Math.max(
      1,
      Math.round((conditions.expiresAt.getTime() - this.clock.now().getTime()) / 1000),
    );
    const signed = await this.blobs.signedUploadUrl(conditions.key, {
      contentType: conditions.contentType,
      minBytes: conditions.minBytes,
      maxBytes: conditions.maxBytes,
      expiresSeconds: seconds,
    });
    return { url: signed.url, method: 'PUT', headers: signed.headers, expiresAt: signed.expiresAt };
  }
}

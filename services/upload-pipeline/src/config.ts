import { z } from 'zod';
import { renditionName, RENDITION_FORMATS, type RenditionFormat } from '@photo/shared/domain/image';
import { env } from '@photo/shared/config/parse-config';
import type { RenditionSpec } from '@photo/shared/ports/upload-imaging.port';

/**
 * The upload pipeline's settings, shared by its Cloud Run entry point and the local runner (spread into their
 * schemas). Changing the sizes or formats later: `npm run uploads:backfill` makes the missing derivatives.
 */
export const uploadPipelineEnv = z.object({
  /** Longest side of each derivative, in pixels; an image smaller than a size is never enlarged. */
  UPLOAD_SIZES: env
    .list(['256', '1024', '2048'])
    .transform((sizes) => sizes.map(Number))
    .pipe(z.array(z.number().int().min(16).max(16_384)).min(1).max(8)),
  /** Every size is made in each of these formats. */
  UPLOAD_FORMATS: env.list(['jpeg', 'webp', 'avif']).pipe(z.array(z.enum(RENDITION_FORMATS)).min(1)),
  /** Webhook deliveries give up (and are dead-lettered) after the callbacks subscription's attempts. */
  UPLOAD_CALLBACK_TIMEOUT_MS: env.int(10_000, { min: 100, max: 60_000 }),
  /** A pending upload is swept this long after its target expired (a slow upload that began in time may finish). */
  UPLOAD_SWEEP_GRACE_SECONDS: env.int(900, { min: 0, max: 86_400 }),
  /**
   * A step another delivery started this recently is left to it (the duplicate retries later); an older one is
   * taken over, as its worker died. Keep it under the retry span (10+20+40+80 s) and above a step's duration.
   */
  UPLOAD_STEP_LEASE_SECONDS: env.int(60, { min: 1, max: 600 }),
});

export function renditionSpecs(
  sizes: readonly number[],
  formats: readonly RenditionFormat[],
): RenditionSpec[] {
  const unique = [...new Set(sizes)].sort((a, b) => a - b);
  return unique.flatMap((maxSide) =>
    [...new Set(formats)].map((format) => ({ variant: renditionName(maxSide, format), maxSide, format })),
  );
}

export interface UploadPipelineConfig {
  renditions: RenditionSpec[];
  maxInputPixels: number;
  /** What the bytes may turn out to be (the intent's declared type must also be one). */
  allowedTypes: readonly string[];
  tmpDir: string;
  /** Deliveries of the uploads subscription: on the last one a failure is final and shows on the intent. */
  maxDeliveryAttempts: number;
  callbackAttempts: number;
  sweepGraceSeconds: number;
  stepLeaseSeconds: number;
}

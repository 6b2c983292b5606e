import { z } from 'zod';
import { env } from '@photo/shared/config/parse-config';
import { uploadRelayEnv } from './upload-relay';

/**
 * The backend's rules for direct uploads and its relay of uploads to the image server (environment variables),
 * spread into the service's config schemas.
 */
export const uploadRulesEnv = z.object({
  ...uploadRelayEnv.shape,
  /** Types a client may declare. HEIC only where the image library decodes it (see docs/configuration.md). */
  UPLOAD_ALLOWED_TYPES: env.list(['image/jpeg', 'image/png', 'image/webp', 'image/avif']),
  UPLOAD_MAX_BYTES: env.int(25 * 1024 * 1024, { min: 1024 }),
  /** Per caller: intents waiting for their upload at once. */
  UPLOAD_MAX_PENDING: env.int(20, { min: 1, max: 10_000 }),
  /** Per caller: bytes declared over the last hour. */
  UPLOAD_MAX_BYTES_PER_HOUR: env.int(1024 * 1024 * 1024, { min: 1024 }),
  /** A target lives BASE + size / SLOW_LINK_RATE seconds, at most MAX: a slow upload is never cut off half-way. */
  UPLOAD_TARGET_BASE_SECONDS: env.int(120, { min: 10, max: 3600 }),
  UPLOAD_SLOW_LINK_BYTES_PER_SECOND: env.int(64 * 1024, { min: 1024 }),
  UPLOAD_TARGET_MAX_SECONDS: env.int(3600, { min: 60, max: 3600 }),
  /** Accept http:// and private-network callback URLs (tests and closed venue networks only). */
  UPLOAD_CALLBACK_ALLOW_INSECURE: env.bool(false),
});

export type UploadRulesEnv = z.infer<typeof uploadRulesEnv>;

/**
 * `decodable`: the types the image library can actually read; asking for one it cannot (HEIC on a libvips built
 * without HEVC) is a configuration error rather than uploads that are rejected later.
 */
export function toUploadRules(e: UploadRulesEnv, decodable: readonly string[]) {
  const unreadable = e.UPLOAD_ALLOWED_TYPES.filter((t) => !decodable.includes(t));
  if (unreadable.length > 0) {
    throw new Error(
      `UPLOAD_ALLOWED_TYPES: ${unreadable.join(', ')} cannot be decoded here (decodable: ${decodable.join(', ')})`,
    );
  }
  return {
    allowedTypes: e.UPLOAD_ALLOWED_TYPES as readonly string[],
    maxBytes: e.UPLOAD_MAX_BYTES,
    maxPending: e.UPLOAD_MAX_PENDING,
    maxBytesPerHour: e.UPLOAD_MAX_BYTES_PER_HOUR,
    target: {
      baseSeconds: e.UPLOAD_TARGET_BASE_SECONDS,
      slowLinkBytesPerSecond: e.UPLOAD_SLOW_LINK_BYTES_PER_SECOND,
      maxSeconds: e.UPLOAD_TARGET_MAX_SECONDS,
    },
    allowInsecureCallbacks: e.UPLOAD_CALLBACK_ALLOW_INSECURE,
  };
}

export type UploadRules = ReturnType<typeof toUploadRules>;

/** How long a target for `size` bytes lives: time to send them over a slow link, plus a margin, capped. */
export const targetLifetimeSeconds = (rules: Pick<UploadRules, 'target'>, size: number): number =>
  Math.min(
    rules.target.maxSeconds,
    rules.target.baseSeconds + Math.ceil(size / rules.target.slowLinkBytesPerSecond),
  );

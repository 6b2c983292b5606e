import { z } from 'zod';
import { env } from '@photo/shared/config/parse-config';
import type { RateRule } from '@photo/shared/http/rate-limit';
import type { Clock } from '@photo/shared/ports/common';
import type { RateLimiter } from '@photo/shared/ports/rate-limiter.port';

/**
 * The backend's rate limits (environment variables), spread into the service's config schemas. Calls a minute; 0
 * turns a limit off. Self-registration counts per address, and a whole venue's Wi-Fi may reach us through one NAT
 * address: its default is sized for an entrance rush, not for one phone.
 */
export const rateLimitEnv = z.object({
  RATE_REGISTER_PER_MINUTE: env.int(300, { min: 0 }),
  /** Per staff member (token subject): a scan every half second at most. */
  RATE_CHECKIN_PER_MINUTE: env.int(120, { min: 0 }),
  /** Per caller (participant or user): a console page of thumbnails issues many at once. */
  RATE_IMAGE_URLS_PER_MINUTE: env.int(240, { min: 0 }),
  /** Per participant. */
  RATE_LIKES_PER_MINUTE: env.int(60, { min: 0 }),
  /**
   * Uploads (staff photos, event images, direct-upload targets) per identity: two a second, faster than a camera and
   * than a console sending a dropped folder one image per call over a venue link.
   */
  RATE_UPLOADS_PER_MINUTE: env.int(120, { min: 0 }),
  /** The same uploads per calling address, counted before authentication: a venue's staff may share one NAT address. */
  RATE_UPLOADS_PER_ADDRESS_PER_MINUTE: env.int(600, { min: 0 }),
});

export type RateLimitEnv = z.infer<typeof rateLimitEnv>;

const perMinute = (name: string, limit: number): RateRule => ({ name, limit, windowSeconds: 60 });

/** One rule per limited route, in one-minute windows. */
export function toRateLimits(e: RateLimitEnv) {
  return {
    register: perMinute('register', e.RATE_REGISTER_PER_MINUTE),
    checkIn: perMinute('checkin', e.RATE_CHECKIN_PER_MINUTE),
    imageUrls: perMinute('image-url', e.RATE_IMAGE_URLS_PER_MINUTE),
    likes: perMinute('like', e.RATE_LIKES_PER_MINUTE),
    uploads: perMinute('upload', e.RATE_UPLOADS_PER_MINUTE),
    uploadsPerAddress: perMinute('upload-address', e.RATE_UPLOADS_PER_ADDRESS_PER_MINUTE),
  };
}

export type BackendRateLimits = ReturnType<typeof toRateLimits>;

/** What a limited route needs: the shared counters, the clock of their windows, and the rules. */
export interface Limits {
  limiter: RateLimiter;
  clock: Clock;
  rules: BackendRateLimits;
}

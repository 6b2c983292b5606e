import { env } from '@photo/shared/config/parse-config';
import { galleryConfigSchema } from '@photo/gallery-api/config';

/** The local runner's face gallery settings: the service's own plus its port. Spread into localRunnerConfigSchema. */
export const galleryRunnerEnv = galleryConfigSchema
  .pick({
    GALLERY_MAX_SELFIE_BYTES: true,
    GALLERY_MAX_SELFIE_PIXELS: true,
    GALLERY_MIN_FACE_PX: true,
    GALLERY_ANALYSIS_TTL_SECONDS: true,
    GALLERY_SESSION_TTL_SECONDS: true,
    GALLERY_RATE_EMOTION_PER_MINUTE: true,
    GALLERY_RATE_CREATE_USER_PER_MINUTE: true,
    GALLERY_RATE_LIKES_PER_MINUTE: true,
    GALLERY_FACE_RETENTION_DAYS: true,
    GALLERY_FACE_MATCH_THRESHOLD: true,
    GALLERY_DEFAULT_ITEMS: true,
    GALLERY_PREFIX: true,
  })
  .extend({
    GALLERY_PORT: env.int(8082, { min: 0, max: 65535 }),
    /** Fixes the embedded recommender's exploration draws. */
    GALLERY_RECOMMENDER_SEED: env.int(1, { min: 0 }),
    /** How often expired faces and analyses are swept. */
    GALLERY_SWEEP_INTERVAL_MS: env.int(600_000, { min: 1000 }),
  });

/** The images bucket's name on the embedded default: gallery item ids derive from it (npm run gallery:ingest). */
export const EMBEDDED_IMAGES_BUCKET = 'images';

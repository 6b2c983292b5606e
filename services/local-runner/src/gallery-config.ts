import { z } from 'zod';
import { env } from '@photo/shared/config/parse-config';
import { galleryConfigSchema } from '@photo/gallery-api/config';

/**
 * The local runner's face gallery settings: the service's own (face work and ranking local: the AWS services are for
 * the cloud) plus its port. Spread into localRunnerConfigSchema.
 */
export const galleryRunnerEnv = galleryConfigSchema
  .omit({
    PORT: true,
    HOST: true,
    GOOGLE_CLOUD_PROJECT: true,
    TMP_DIR: true,
    IMAGE_SERVER_URL: true,
    IMAGE_SERVER_AUDIENCE: true,
    APP_ORIGINS: true,
    LOG_LEVEL: true,
    // The runner reconciles on its own timer (recovery-config.ts), not by Cloud Scheduler's task.
    SCHEDULER_SERVICE_ACCOUNT: true,
    RECONCILE_SAFETY_WINDOW_SECONDS: true,
    RECONCILE_REMOVE_ORPHANS: true,
  })
  .extend({
    GALLERY_PORT: env.int(8082, { min: 0, max: 65535 }),
    GALLERY_FACES: z.literal('local').default('local'),
    GALLERY_RECOMMENDER: z.literal('local').default('local'),
  });

/** The images bucket's name on the embedded default: gallery item ids derive from it (npm run gallery:ingest). */
export const EMBEDDED_IMAGES_BUCKET = 'images';

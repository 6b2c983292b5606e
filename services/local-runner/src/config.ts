import { z } from 'zod';
import { appOriginsList } from '@photo/shared/config/app-origins';
import { logLevelEnv } from '@photo/shared/config/cloud-env';
import { env } from '@photo/shared/config/parse-config';
import { rateLimitEnv } from '@photo/backend-api/rate-limits';
import { clusteringWorkerEnv } from '@photo/clustering-worker/compose';
import { generationWorkerEnv } from '@photo/generation-worker/compose';
import { DEFAULT_SERVED_IMAGE_CACHE_MB } from '@photo/image-server/config';
import { galleryRunnerEnv } from './gallery-config';
import { notificationRunnerEnv } from './notification-config';
import { recoveryRunnerEnv } from './recovery-config';
import { uploadRunnerEnv } from './upload-config';

/** Configuration of the all-in-one embedded runner (`npm start`). */
export const localRunnerConfigSchema = z.object({
  DATA_DIR: z.string().default('./.data'),
  /** 127.0.0.1 keeps the system on this machine; 0.0.0.0 opens it to the venue network. */
  HOST: z.string().default('127.0.0.1'),
  /** The address phones and consoles use to reach this machine (a LAN address at a venue). */
  PUBLIC_HOST: z.string().optional(),
  BACKEND_PORT: env.int(8080, { min: 0, max: 65535 }),
  IMAGE_SERVER_PORT: env.int(8081, { min: 0, max: 65535 }),
  IDENTITY_PORT: env.int(8079, { min: 0, max: 65535 }),
  AUTH_AUDIENCE: z.string().default('https://event-photo.local/api'),
  /** How long the dev identity provider's access tokens live; the apps renew them with their refresh token. */
  IDENTITY_ACCESS_TOKEN_TTL_SECONDS: env.int(3600, { min: 5, max: 86_400 }),
  LINK_TTL_SECONDS: env.int(60, { min: 5, max: 3600 }),
  MAX_UPLOAD_BYTES: env.int(25 * 1024 * 1024, { min: 1024 }),
  /** Image types accepted on upload, decided from the bytes (HEIC needs a libvips built with HEVC, which sharp's is not). */
  ALLOWED_TYPES: env.list(['image/jpeg', 'image/png', 'image/webp', 'image/avif']),
  /** Originals kept as uploaded (EXIF included) for the archive; never served so: see the image server's config. */
  ARCHIVE_ORIGINALS: env.bool(false),
  /** The image server's memory for images served lately: see its config. */
  SERVED_IMAGE_CACHE_MB: env.int(DEFAULT_SERVED_IMAGE_CACHE_MB, { min: 0, max: 4096 }),
  QR_TTL_SECONDS: env.int(30 * 24 * 3600, { min: 60 }),
  /** `POST /participants/register`: off unless the event opens it to anyone with the app. */
  SELF_REGISTRATION: env.bool(false),
  /** The origins the APIs' CORS allows (comma-separated); unset: the web apps `npm start` serves. */
  APP_ORIGINS: appOriginsList.optional(),
  LOG_LEVEL: logLevelEnv,
  /** The colour pipeline's workers: their own settings (palette size, sample side, artwork size). */
  ...clusteringWorkerEnv.shape,
  ...generationWorkerEnv.shape,
  /** The backend's rate limits: see services/backend-api/src/rate-limits.ts. */
  ...rateLimitEnv.shape,
  /** Likes and notifications: see notification-config.ts. */
  ...notificationRunnerEnv.shape,
  /** The face gallery: see gallery-config.ts. */
  ...galleryRunnerEnv.shape,
  /** Direct uploads: see upload-config.ts. */
  ...uploadRunnerEnv.shape,
  /** Crash recovery and the store reconciler: see recovery-config.ts. */
  ...recoveryRunnerEnv.shape,
});

export type LocalRunnerConfig = z.infer<typeof localRunnerConfigSchema>;

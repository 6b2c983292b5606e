import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { z } from 'zod';
import { appOriginsList } from '@photo/shared/config/app-origins';
import { env } from '@photo/shared/config/parse-config';

/** 4 uploads of 24 MP at once fit a 2 GiB instance with room to spare: docs/scaling.md has the sum. */
export const DEFAULT_SPOOL = { slots: 4, waitMs: 30_000, queue: 64 };
/** About 300 phone-sized images: a venue's recent shots, small beside an instance's memory. */
export const DEFAULT_SERVED_IMAGE_CACHE_MB = 64;

/** The image server's configuration (environment variables), parsed once at start. */
export const imageServerConfigSchema = z.object({
  PORT: env.int(8081, { min: 0, max: 65535 }),
  HOST: z.string().default('0.0.0.0'),
  /** The base of one-time URLs, as phones reach this server. */
  PUBLIC_BASE_URL: z.url(),
  GOOGLE_CLOUD_PROJECT: z.string().optional(),
  LINK_TTL_SECONDS: env.int(60, { min: 5, max: 3600 }),
  MAX_UPLOAD_BYTES: env.int(25 * 1024 * 1024, { min: 1024 }),
  /** Decompression-bomb guard: larger images are refused before decoding. */
  MAX_INPUT_PIXELS: env.int(40_000_000, { min: 1 }),
  ALLOWED_TYPES: env.list(['image/jpeg', 'image/png', 'image/webp', 'image/avif']),
  TMP_DIR: z.string().default(join(tmpdir(), 'image-server')),
  /**
   * Keep each original's bytes as uploaded (EXIF and GPS included) for the event's archive. Off: stored stripped like
   * everything else. Either way nothing is served with its metadata: a one-time URL strips such an original per download.
   */
  ARCHIVE_ORIGINALS: env.bool(false),
  /**
   * Uploads spooled and processed at once per instance (the temp directory is memory on Cloud Run): each holds up to
   * two files of about MAX_UPLOAD_BYTES and a decode. SPOOL_QUEUE more wait, bodies unread, up to SPOOL_WAIT_SECONDS,
   * then 503; one more than SPOOL_QUEUE is refused with 503 at once. docs/scaling.md.
   */
  SPOOL_SLOTS: env.int(DEFAULT_SPOOL.slots, { min: 1, max: 1000 }),
  SPOOL_QUEUE: env.int(DEFAULT_SPOOL.queue, { min: 0, max: 10_000 }),
  SPOOL_WAIT_SECONDS: env.int(DEFAULT_SPOOL.waitMs / 1000, { min: 1, max: 300 }),
  /** Memory for the bytes of images served lately (0: off): a redeem of one then reads no storage. docs/operations.md. */
  SERVED_IMAGE_CACHE_MB: env.int(DEFAULT_SERVED_IMAGE_CACHE_MB, { min: 0, max: 4096 }),
  /** Service-to-service identity: who signs the tokens callers present, and for which audience. */
  SERVICE_TOKEN_ISSUER: z.string().default('https://accounts.google.com'),
  SERVICE_TOKEN_JWKS_URL: z.url().default('https://www.googleapis.com/oauth2/v3/certs'),
  SERVICE_TOKEN_AUDIENCE: z.string().min(1),
  ALLOWED_CALLERS: env.list([]).refine((l) => l.length > 0, 'name at least one service account e-mail'),
  /**
   * The service account Cloud Scheduler calls POST /tasks/reconcile as (an OIDC token, audience
   * SERVICE_TOKEN_AUDIENCE); unset, the task is not served.
   */
  SCHEDULER_SERVICE_ACCOUNT: z.string().optional(),
  /** Objects and records younger than this are taken to be mid-write by the reconcile task and left alone. */
  RECONCILE_SAFETY_WINDOW_SECONDS: env.int(3600, { min: 60, max: 30 * 24 * 3600 }),
  /** False only reports objects no record refers to; true deletes them. Records are only ever reported. */
  RECONCILE_REMOVE_ORPHANS: env.bool(true),
  /** The browser apps' origins CORS allows on one-time URLs and upload targets (comma-separated); none by default. */
  APP_ORIGINS: appOriginsList.default([]),
  LOG_LEVEL: z.enum(['trace', 'debug', 'info', 'warn', 'error', 'fatal', 'silent']).default('info'),
});

export type ImageServerEnv = z.infer<typeof imageServerConfigSchema>;

export function toImageServerConfig(e: ImageServerEnv) {
  return {
    port: e.PORT,
    host: e.HOST,
    publicBaseUrl: e.PUBLIC_BASE_URL.replace(/\/$/, ''),
    projectId: e.GOOGLE_CLOUD_PROJECT ?? null,
    linkTtlSeconds: e.LINK_TTL_SECONDS,
    maxUploadBytes: e.MAX_UPLOAD_BYTES,
    maxInputPixels: e.MAX_INPUT_PIXELS,
    allowedTypes: e.ALLOWED_TYPES,
    tmpDir: e.TMP_DIR,
    archiveOriginals: e.ARCHIVE_ORIGINALS,
    spool: { slots: e.SPOOL_SLOTS, waitMs: e.SPOOL_WAIT_SECONDS * 1000, queue: e.SPOOL_QUEUE },
    servedCacheBytes: e.SERVED_IMAGE_CACHE_MB * 1024 * 1024,
    serviceToken: {
      issuer: e.SERVICE_TOKEN_ISSUER,
      jwksUrl: e.SERVICE_TOKEN_JWKS_URL,
      audience: e.SERVICE_TOKEN_AUDIENCE,
      allowedCallers: e.ALLOWED_CALLERS,
    },
    /** The scheduled store reconcile task (null: not served). */
    reconcile: e.SCHEDULER_SERVICE_ACCOUNT
      ? {
          schedulerAccount: e.SCHEDULER_SERVICE_ACCOUNT,
          safetyWindowSeconds: e.RECONCILE_SAFETY_WINDOW_SECONDS,
          removeOrphans: e.RECONCILE_REMOVE_ORPHANS,
        }
      : null,
    appOrigins: e.APP_ORIGINS as readonly string[],
    logLevel: e.LOG_LEVEL,
  };
}

export type ImageServerConfig = ReturnType<typeof toImageServerConfig>;

import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { z } from 'zod';
import { appOriginsList } from '@photo/shared/config/app-origins';
import { env } from '@photo/shared/config/parse-config';

/**
 * The face gallery's settings (environment variables of a standalone deployment; the local runner passes the same
 * names through). Parsed once at start.
 */
export const galleryConfigSchema = z.object({
  PORT: env.int(8082, { min: 0, max: 65535 }),
  HOST: z.string().default('0.0.0.0'),
  GOOGLE_CLOUD_PROJECT: z.string().optional(),
  /** Largest selfie accepted, in bytes (Rekognition takes 5 MB at most). */
  GALLERY_MAX_SELFIE_BYTES: env.int(5 * 1024 * 1024, { min: 1024, max: 5 * 1024 * 1024 }),
  GALLERY_MAX_SELFIE_PIXELS: env.int(25_000_000, { min: 1 }),
  /** A face narrower or shorter than this (in the selfie's pixels) is FACE.TOO_SMALL: too few pixels to recognise. */
  GALLERY_MIN_FACE_PX: env.int(80, { min: 16, max: 2000 }),
  /** How long /emotion's analysis (the descriptor, never the image) waits for /createUser. */
  GALLERY_ANALYSIS_TTL_SECONDS: env.int(600, { min: 30, max: 3600 }),
  /** How long a gallery token (from /emotion or /createUser) acts for its user: an event day by default. */
  GALLERY_SESSION_TTL_SECONDS: env.int(43_200, { min: 60, max: 30 * 86_400 }),
  /** Per minute and caller address: selfies read (CPU-heavy) and users made; 0 turns a limit off. */
  GALLERY_RATE_EMOTION_PER_MINUTE: env.int(20, { min: 0 }),
  GALLERY_RATE_CREATE_USER_PER_MINUTE: env.int(10, { min: 0 }),
  /** Per minute and gallery token: likes. */
  GALLERY_RATE_LIKES_PER_MINUTE: env.int(60, { min: 0 }),
  /** How long a consented face stays recognisable. */
  GALLERY_FACE_RETENTION_DAYS: env.int(30, { min: 1, max: 365 }),
  /**
   * Euclidean distance between face descriptors under which two faces are one person (local analyser). Measured on
   * face-api's sample photos: one face re-framed, resized and re-lit stays within 0.2; different people start at
   * 0.47, so 0.45 errs on the side of not recognising.
   */
  GALLERY_FACE_MATCH_THRESHOLD: z.coerce.number().min(0.1).max(1).default(0.45),
  /** Items per gallery answer unless the request asks for fewer. */
  GALLERY_DEFAULT_ITEMS: env.int(12, { min: 1, max: 50 }),
  /** Objects under this prefix of the images bucket are the gallery's catalog. */
  GALLERY_PREFIX: z
    .string()
    .regex(/^[a-z0-9][a-z0-9._-]*\/$/, 'a folder name ending in /')
    .default('gallery/'),
  TMP_DIR: z.string().default(join(tmpdir(), 'gallery-api')),
  /** Cloud: the image server that stores catalog images and issues their one-time URLs. */
  IMAGE_SERVER_URL: z.url().optional(),
  IMAGE_SERVER_AUDIENCE: z.string().optional(),
  /** Cloud: `local` (face-api in the container, Firestore vector search) or `rekognition`. */
  GALLERY_FACES: z.enum(['local', 'rekognition']).default('local'),
  /** Cloud: `local` (the recommender over Firestore) or `personalize`. */
  GALLERY_RECOMMENDER: z.enum(['local', 'personalize']).default('local'),
  GALLERY_RECOMMENDER_SEED: env.int(1, { min: 0 }),
  /** How often expired faces and analyses are taken out of search (and out of Rekognition, which keeps no expiry). */
  GALLERY_SWEEP_INTERVAL_MS: env.int(600_000, { min: 1000 }),
  /**
   * Cloud: the service account Cloud Scheduler calls POST /tasks/reconcile as (an OIDC token, audience PUSH_AUDIENCE);
   * unset, the task is not served. The local runner reconciles on its own timer.
   */
  SCHEDULER_SERVICE_ACCOUNT: z.string().optional(),
  /** Gallery objects younger than this are taken to be on their way to the catalog by the reconcile task. */
  RECONCILE_SAFETY_WINDOW_SECONDS: env.int(3600, { min: 60, max: 30 * 24 * 3600 }),
  /** False only reports; true announces uncatalogued objects again and deletes faces whose user is gone. */
  RECONCILE_REMOVE_ORPHANS: env.bool(true),
  /**
   * AWS, for Rekognition and Personalize: the region they run in (selfies are sent there: choose the one nearest the
   * event), and the role the gallery acts as. On Cloud Run the gallery's Google ID token, with this audience, is
   * exchanged for the role's credentials (AssumeRoleWithWebIdentity); no AWS key is stored anywhere.
   */
  AWS_REGION: z
    .string()
    .regex(/^[a-z]{2}(-[a-z]+)+-\d$/, 'an AWS region such as ap-northeast-1')
    .default('us-east-1'),
  AWS_ROLE_ARN: z
    .string()
    .regex(
      /^arn:aws[a-z-]*:iam::\d{12}:role\/[\w+=,.@/-]+$/,
      'an IAM role ARN (arn:aws:iam::123456789012:role/name)',
    )
    .optional(),
  AWS_WEB_IDENTITY_AUDIENCE: z.string().min(1).optional(),
  REKOGNITION_COLLECTION_ID: z.string().default('event-photo-gallery'),
  /** Rekognition similarity (percent) a face search must reach. */
  REKOGNITION_MIN_SIMILARITY: z.coerce.number().min(50).max(100).default(95),
  PERSONALIZE_CAMPAIGN_ARN: z.string().optional(),
  PERSONALIZE_TRACKING_ID: z.string().optional(),
  PERSONALIZE_USERS_DATASET_ARN: z.string().optional(),
  PERSONALIZE_ITEMS_DATASET_ARN: z.string().optional(),
  PERSONALIZE_EXCLUDE_FILTER_ARN: z.string().optional(),
  /** Erasure: data deletion jobs in this dataset group, run as this role, reading user lists from this S3 prefix. */
  PERSONALIZE_DATASET_GROUP_ARN: z.string().optional(),
  PERSONALIZE_DELETION_ROLE_ARN: z.string().optional(),
  PERSONALIZE_DELETION_S3_PREFIX: z
    .string()
    .regex(/^s3:\/\/[^/]+/, 'must be s3://bucket/prefix/')
    .optional(),
  /** The browser apps' origins CORS allows (comma-separated); none by default. */
  APP_ORIGINS: appOriginsList.default([]),
  LOG_LEVEL: z.enum(['trace', 'debug', 'info', 'warn', 'error', 'fatal', 'silent']).default('info'),
});

export type GalleryEnv = z.infer<typeof galleryConfigSchema>;

/** Settings that must be set once `when` holds, checked with the others (every problem listed at once). */
const requireWhen =
  (keys: readonly (keyof GalleryEnv)[], when: (e: GalleryEnv) => boolean, message: string) =>
  <T extends GalleryEnv>(schema: z.ZodType<T>) =>
    schema.superRefine((e, ctx) => {
      if (!when(e)) return;
      for (const key of keys) if (!e[key]) ctx.addIssue({ code: 'custom', path: [key], message });
    });

/** What a Personalize recommender needs, checked when it is chosen. */
export const requirePersonalize = requireWhen(
  [
    'PERSONALIZE_CAMPAIGN_ARN',
    'PERSONALIZE_TRACKING_ID',
    'PERSONALIZE_USERS_DATASET_ARN',
    'PERSONALIZE_ITEMS_DATASET_ARN',
    'PERSONALIZE_DATASET_GROUP_ARN',
    'PERSONALIZE_DELETION_ROLE_ARN',
    'PERSONALIZE_DELETION_S3_PREFIX',
  ],
  (e) => e.GALLERY_RECOMMENDER === 'personalize',
  'required when GALLERY_RECOMMENDER=personalize',
);

/** Rekognition or Personalize on Cloud Run need the role and audience of the web identity exchange. */
export const requireAwsIdentity = requireWhen(
  ['AWS_ROLE_ARN', 'AWS_WEB_IDENTITY_AUDIENCE'],
  (e) => e.GALLERY_FACES === 'rekognition' || e.GALLERY_RECOMMENDER === 'personalize',
  'required when GALLERY_FACES=rekognition or GALLERY_RECOMMENDER=personalize',
);

export function toGalleryConfig(e: GalleryEnv) {
  return {
    projectId: e.GOOGLE_CLOUD_PROJECT ?? null,
    maxSelfieBytes: e.GALLERY_MAX_SELFIE_BYTES,
    maxSelfiePixels: e.GALLERY_MAX_SELFIE_PIXELS,
    minFacePx: e.GALLERY_MIN_FACE_PX,
    analysisTtlSeconds: e.GALLERY_ANALYSIS_TTL_SECONDS,
    sessionTtlSeconds: e.GALLERY_SESSION_TTL_SECONDS,
    rateLimits: {
      emotionPerMinute: e.GALLERY_RATE_EMOTION_PER_MINUTE,
      createUserPerMinute: e.GALLERY_RATE_CREATE_USER_PER_MINUTE,
      likesPerMinute: e.GALLERY_RATE_LIKES_PER_MINUTE,
    },
    faceRetentionDays: e.GALLERY_FACE_RETENTION_DAYS,
    defaultItems: e.GALLERY_DEFAULT_ITEMS,
    galleryPrefix: e.GALLERY_PREFIX,
    tmpDir: e.TMP_DIR,
  };
}

export type GalleryConfig = ReturnType<typeof toGalleryConfig>;

/** Selfies the gallery accepts. */
export const SELFIE_TYPES = ['image/jpeg', 'image/png', 'image/webp'];

import { z } from 'zod';
import { imageVariantSchema, RENDITION_FORMATS, type RenditionVariant } from './image';

/**
 * A direct upload: the client asks for a target (an upload intent), PUTs the bytes straight to storage, and the
 * upload pipeline verifies, describes and resizes them, then hands the original to the colour pipeline as a new
 * image version. The intent is what the client polls: its status, each step's status and duration, the result.
 */
export const UPLOAD_PURPOSES = ['participant-photo', 'event'] as const;
export type UploadPurpose = (typeof UPLOAD_PURPOSES)[number];

/** pending → uploaded → processing → ready; or rejected (the file) / failed (our side) / expired (never sent). */
export const UPLOAD_STATUSES = [
  'pending',
  'uploaded',
  'processing',
  'ready',
  'rejected',
  'failed',
  'expired',
] as const;
export type UploadStatus = (typeof UPLOAD_STATUSES)[number];
export const TERMINAL_UPLOAD_STATUSES: readonly UploadStatus[] = ['ready', 'rejected', 'failed', 'expired'];
export const isTerminal = (status: UploadStatus): boolean => TERMINAL_UPLOAD_STATUSES.includes(status);

/**
 * The workflow, in order. Each step is idempotent and recorded, so a redelivery resumes after the last one done.
 * `record` comes after `handoff`: the derivatives are recorded as variants of the image version the handoff made.
 */
export const UPLOAD_STEPS = ['verify', 'metadata', 'derivatives', 'handoff', 'record'] as const;
export type UploadStep = (typeof UPLOAD_STEPS)[number];

export interface UploadIntent {
  intentId: string;
  purpose: UploadPurpose;
  /** The image the upload becomes a version of: the participant's photo image, or a new event image. */
  imageId: string;
  ownerVisitorId: string | null;
  /** Who asked: `participant:v_…` or `user:<subject>`. Quotas count per caller. */
  callerKey: string;
  fileName: string;
  contentType: string;
  size: number;
  sha256: string | null;
  /** Participant photos: the version the caller means to replace (0: none yet), as the PUT photo route takes it. */
  expectedVersion: number;
  callbackUrl: string | null;
  /** The HMAC key of its webhooks: answered once to the client, kept so the worker can sign (never shown again). */
  callbackSecret: string | null;
  objectKey: string;
  status: UploadStatus;
  /** A stable code (UPLOAD.HASH_MISMATCH, …) and message when rejected or failed. */
  reason: { code: string; message: string } | null;
  steps: Partial<Record<UploadStep, StepRecord>>;
  metadata: UploadMetadata | null;
  derivatives: Derivative[];
  /** The image version the upload became (handoff). */
  result: { imageId: string; version: number } | null;
  callback: CallbackStatus;
  createdAt: Date;
  /** When the signed target stops accepting the upload. */
  expiresAt: Date;
  updatedAt: Date;
  /** Grows with every change: the ETag of GET /uploads/{id}. */
  revision: number;
}

/**
 * Schemas of an intent's parts, declared once for its stored form and its API view; `instant` is how each spells a
 * time (a Date decoded from ISO text when stored, the ISO text itself in the view).
 */
export const stepRecordSchema = <T extends z.ZodType>(instant: T) =>
  z.object({
    status: z.enum(['running', 'done', 'failed']),
    startedAt: instant,
    finishedAt: instant.nullable(),
    durationMs: z.number().nullable(),
    /** Deliveries that started this step (1 unless a worker died or a dependency failed). */
    attempts: z.number().int(),
    error: z.string().nullable(),
  });

export const callbackStatusSchema = <T extends z.ZodType>(instant: T) =>
  z.object({
    state: z.enum(['none', 'pending', 'delivered', 'failed']),
    attempts: z.number().int(),
    lastError: z.string().nullable(),
    /** The intent revision last delivered (a callback reports terminal statuses only). */
    deliveredRevision: z.number().int().nullable(),
    updatedAt: instant.nullable(),
  });

export const uploadReasonSchema = z.object({ code: z.string(), message: z.string() });

export const uploadMetadataSchema = z.object({
  width: z.number().int(),
  height: z.number().int(),
  /** sharp's name of the decoded format: jpeg, png, webp, heif. */
  format: z.string(),
  /** EXIF orientation (1-8) as uploaded; width and height are after auto-orientation. */
  orientation: z.number().int().nullable(),
  /** EXIF DateTimeOriginal as written by the camera (no zone: cameras do not record one). */
  capturedAt: z.string().nullable(),
  cameraMake: z.string().nullable(),
  cameraModel: z.string().nullable(),
  /** Whether the upload carried GPS data (never copied to a derivative). */
  hadGps: z.boolean(),
});

export type StepRecord = z.infer<ReturnType<typeof stepRecordSchema<z.ZodDate>>>;
export type CallbackStatus = z.infer<ReturnType<typeof callbackStatusSchema<z.ZodDate>>>;
export type UploadMetadata = z.infer<typeof uploadMetadataSchema>;

export const derivativeSchema = z.object({
  variant: imageVariantSchema,
  maxSide: z.number().int(),
  format: z.enum(RENDITION_FORMATS),
  blobKey: z.string(),
  contentType: z.string(),
  width: z.number().int(),
  height: z.number().int(),
  bytes: z.number().int(),
  sha256: z.string(),
});

/** A derivative is always a rendition, though the schema of its stored form reads any variant name. */
export type Derivative = Omit<z.infer<typeof derivativeSchema>, 'variant'> & { variant: RenditionVariant };

/** Uploads are written under `uploads/{intentId}`; nothing else there is ours. */
export const UPLOAD_PREFIX = 'uploads/';
/** Files the pipeline refused, kept for inspection, outside the prefix that triggers the pipeline. */
export const QUARANTINE_PREFIX = 'quarantine/';
/**
 * Derivatives live under derived/uploads/: a bucket notification scoped to uploads/ never sees them, so the
 * pipeline can never re-trigger itself (and the handler ignores anything outside uploads/ all the same).
 */
export const DERIVED_UPLOADS_PREFIX = 'derived/uploads/';

export const uploadObjectKey = (intentId: string): string => `${UPLOAD_PREFIX}${intentId}`;
export const quarantineKey = (intentId: string): string => `${QUARANTINE_PREFIX}${intentId}`;
export const derivativePrefix = (intentId: string): string => `${DERIVED_UPLOADS_PREFIX}${intentId}/`;
export const derivativeKey = (intentId: string, variant: RenditionVariant): string =>
  `${derivativePrefix(intentId)}${variant}`;

/** The intent id of an object key under uploads/, or null for anything else. */
export function intentIdOfKey(key: string): string | null {
  const match = /^uploads\/(up_[0-9a-z]{20})$/.exec(key);
  return match ? match[1]! : null;
}

export const callerKeyOf = (
  caller: { kind: 'participant'; visitorId: string } | { kind: 'user'; subject: string },
) => (caller.kind === 'participant' ? `participant:${caller.visitorId}` : `user:${caller.subject}`);

/** The idempotency key of the handoff: a redelivered handoff replays the version the first one stored. */
export const handoffIdempotencyKey = (intentId: string): string => `upload:${intentId}`;

/** What a new intent starts with, whoever asks: nothing uploaded, run or delivered yet. */
const pendingState = () => ({
  status: 'pending' as const,
  reason: null,
  steps: {},
  metadata: null,
  derivatives: [],
  result: null,
  callback: {
    state: 'none' as const,
    attempts: 0,
    lastError: null,
    deliveredRevision: null,
    updatedAt: null,
  },
  revision: 1,
});

/** A new intent as asked for, pending; its upload goes to `uploads/{intentId}`. */
export const newUploadIntent = (
  request: Omit<UploadIntent, 'objectKey' | 'updatedAt' | keyof ReturnType<typeof pendingState>>,
): UploadIntent => ({
  ...request,
  objectKey: uploadObjectKey(request.intentId),
  updatedAt: request.createdAt,
  ...pendingState(),
});

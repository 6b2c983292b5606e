import { z } from 'zod';
import { imageVariantSchema, RENDITION_FORMATS } from '../domain/image';
import { errors } from '../errors/errors';
import { UPLOAD_PURPOSES, UPLOAD_STATUSES, UPLOAD_STEPS, type UploadIntent } from '../domain/upload';

/**
 * The stored shape of an upload intent, shared by the SQLite and Firestore adapters: the whole intent as one JSON
 * document (instants as ISO strings), validated on every read. Both stores also keep the fields they query on as
 * columns or fields of their own.
 */
const instant = z.iso.datetime().transform((s) => new Date(s));

const stepSchema = z.object({
  status: z.enum(['running', 'done', 'failed']),
  startedAt: instant,
  finishedAt: instant.nullable(),
  durationMs: z.number().nullable(),
  attempts: z.number().int(),
  error: z.string().nullable(),
});

const intentSchema = z.object({
  intentId: z.string(),
  purpose: z.enum(UPLOAD_PURPOSES),
  imageId: z.string(),
  ownerVisitorId: z.string().nullable(),
  callerKey: z.string(),
  fileName: z.string(),
  contentType: z.string(),
  size: z.number().int(),
  sha256: z.string().nullable(),
  expectedVersion: z.number().int(),
  callbackUrl: z.string().nullable(),
  callbackSecret: z.string().nullable(),
  objectKey: z.string(),
  status: z.enum(UPLOAD_STATUSES),
  reason: z.object({ code: z.string(), message: z.string() }).nullable(),
  steps: z.partialRecord(z.enum(UPLOAD_STEPS), stepSchema),
  metadata: z
    .object({
      width: z.number().int(),
      height: z.number().int(),
      format: z.string(),
      orientation: z.number().int().nullable(),
      capturedAt: z.string().nullable(),
      cameraMake: z.string().nullable(),
      cameraModel: z.string().nullable(),
      hadGps: z.boolean(),
    })
    .nullable(),
  derivatives: z.array(
    z.object({
      variant: imageVariantSchema,
      maxSide: z.number().int(),
      format: z.enum(RENDITION_FORMATS),
      blobKey: z.string(),
      contentType: z.string(),
      width: z.number().int(),
      height: z.number().int(),
      bytes: z.number().int(),
      sha256: z.string(),
    }),
  ),
  result: z.object({ imageId: z.string(), version: z.number().int() }).nullable(),
  callback: z.object({
    state: z.enum(['none', 'pending', 'delivered', 'failed']),
    attempts: z.number().int(),
    lastError: z.string().nullable(),
    deliveredRevision: z.number().int().nullable(),
    updatedAt: instant.nullable(),
  }),
  createdAt: instant,
  expiresAt: instant,
  updatedAt: instant,
  revision: z.number().int(),
});

export const encodeIntent = (intent: UploadIntent): string => JSON.stringify(intent);

/** What both stores keep of an intent: the fields their queries filter and sort on, and the whole of it as `doc`. */
export const indexedFields = (intent: UploadIntent) => ({
  callerKey: intent.callerKey,
  ownerVisitorId: intent.ownerVisitorId,
  status: intent.status,
  size: intent.size,
  createdAt: intent.createdAt,
  expiresAt: intent.expiresAt,
  updatedAt: intent.updatedAt,
  revision: intent.revision,
  doc: encodeIntent(intent),
});

export const decodeIntent = (json: string): UploadIntent =>
  intentSchema.parse(JSON.parse(json)) as UploadIntent;

/** The cursor of a listing by intent id: the last id seen, opaque to callers. */
export const encodeIdCursor = (intentId: string): string => Buffer.from(intentId).toString('base64url');

export function decodeIdCursor(cursor: string | null): string | null {
  if (cursor === null) return null;
  const id = Buffer.from(cursor, 'base64url').toString('utf8');
  if (!/^up_[0-9a-z]{20}$/.test(id)) throw errors.invalidCursor();
  return id;
}

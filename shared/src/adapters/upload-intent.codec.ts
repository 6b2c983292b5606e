import { z } from 'zod';
import { errors } from '../errors/errors';
import * as upload from '../domain/upload';

/**
 * The stored shape of an upload intent, shared by the SQLite and Firestore adapters: the whole intent as one JSON
 * document (instants as ISO strings), validated on every read. Both stores also keep the fields they query on as
 * columns or fields of their own.
 */
const instant = z.iso.datetime().transform((s) => new Date(s));

const intentSchema = z.object({
  intentId: z.string(),
  purpose: z.enum(upload.UPLOAD_PURPOSES),
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
  status: z.enum(upload.UPLOAD_STATUSES),
  reason: upload.uploadReasonSchema.nullable(),
  steps: z.partialRecord(z.enum(upload.UPLOAD_STEPS), upload.stepRecordSchema(instant)),
  metadata: upload.uploadMetadataSchema.nullable(),
  derivatives: z.array(upload.derivativeSchema),
  result: z.object({ imageId: z.string(), version: z.number().int() }).nullable(),
  callback: upload.callbackStatusSchema(instant),
  createdAt: instant,
  expiresAt: instant,
  updatedAt: instant,
  revision: z.number().int(),
});

export const encodeIntent = (intent: upload.UploadIntent): string => JSON.stringify(intent);

/** What both stores keep of an intent: the fields their queries filter and sort on, and the whole of it as `doc`. */
export const indexedFields = (intent: upload.UploadIntent) => ({
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

export const decodeIntent = (json: string): upload.UploadIntent =>
  intentSchema.parse(JSON.parse(json)) as upload.UploadIntent;

/** The cursor of a listing by intent id: the last id seen, opaque to callers. */
export const encodeIdCursor = (intentId: string): string => Buffer.from(intentId).toString('base64url');

export function decodeIdCursor(cursor: string | null): string | null {
  if (cursor === null) return null;
  const id = Buffer.from(cursor, 'base64url').toString('utf8');
  if (!/^up_[0-9a-z]{20}$/.test(id)) throw errors.invalidCursor();
  return id;
}

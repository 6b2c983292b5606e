import { z } from 'zod';
import { imageIdSchema, uploadIntentIdSchema, visitorIdSchema } from '../domain/ids';
import { imageVariantSchema } from '../domain/image';
import {
  callbackStatusSchema,
  derivativeSchema,
  stepRecordSchema,
  UPLOAD_PURPOSES,
  UPLOAD_STATUSES,
  UPLOAD_STEPS,
  uploadMetadataSchema,
  uploadReasonSchema,
  type UploadIntent,
} from '../domain/upload';

/** The JSON shape of an upload intent: what GET /uploads/{id}, the SSE streams and the webhook all carry. */
export const uploadViewSchema = z
  .object({
    intentId: uploadIntentIdSchema,
    purpose: z.enum(UPLOAD_PURPOSES),
    status: z.enum(UPLOAD_STATUSES),
    reason: uploadReasonSchema.nullable(),
    imageId: imageIdSchema,
    ownerVisitorId: visitorIdSchema.nullable(),
    fileName: z.string(),
    contentType: z.string(),
    size: z.number().int(),
    expiresAt: z.iso.datetime().meta({ description: 'When the upload target stops accepting the upload.' }),
    steps: z.partialRecord(z.enum(UPLOAD_STEPS), stepRecordSchema(z.iso.datetime())).meta({
      description: 'Each step of the pipeline: verify, metadata, derivatives, handoff, record.',
    }),
    metadata: uploadMetadataSchema
      .extend({
        hadGps: z.boolean().meta({ description: 'The upload carried GPS data; no derivative does.' }),
      })
      .nullable(),
    derivatives: z.array(
      derivativeSchema.omit({ blobKey: true, sha256: true }).extend({
        variant: imageVariantSchema.meta({
          description: 'Ask POST /images/{imageId}/url for a one-time URL of this variant.',
        }),
      }),
    ),
    result: z.object({ imageId: imageIdSchema, version: z.number().int() }).nullable(),
    callback: callbackStatusSchema(z.iso.datetime())
      .pick({ state: true, attempts: true, lastError: true })
      .nullable(),
    createdAt: z.iso.datetime(),
    updatedAt: z.iso.datetime(),
    revision: z.number().int(),
  })
  .meta({ id: 'Upload' });
export type UploadView = z.infer<typeof uploadViewSchema>;

const iso = (d: Date) => d.toISOString();

export function toUploadView(intent: UploadIntent): UploadView {
  const steps: UploadView['steps'] = {};
  for (const [step, record] of Object.entries(intent.steps)) {
    if (!record) continue;
    const finishedAt = record.finishedAt && iso(record.finishedAt);
    steps[step as keyof UploadView['steps']] = { ...record, startedAt: iso(record.startedAt), finishedAt };
  }
  const { state, attempts, lastError } = intent.callback;
  return {
    intentId: intent.intentId,
    purpose: intent.purpose,
    status: intent.status,
    reason: intent.reason,
    imageId: intent.imageId,
    ownerVisitorId: intent.ownerVisitorId,
    fileName: intent.fileName,
    contentType: intent.contentType,
    size: intent.size,
    expiresAt: iso(intent.expiresAt),
    steps,
    metadata: intent.metadata,
    derivatives: intent.derivatives.map(({ blobKey: _key, sha256: _sha, ...d }) => d),
    result: intent.result,
    callback: intent.callbackUrl === null ? null : { state, attempts, lastError },
    createdAt: iso(intent.createdAt),
    updatedAt: iso(intent.updatedAt),
    revision: intent.revision,
  };
}

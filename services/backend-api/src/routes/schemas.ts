import type { ZodContentObject } from '@asteasolutions/zod-to-openapi';
import { z } from 'zod';
import { errors } from '@photo/shared/errors/errors';
import { paletteIdSchema } from '@photo/shared/domain/palette';
import { IMAGE_KINDS, imageVariantSchema } from '@photo/shared/domain/image';
import { queryInteger } from '@photo/shared/http/validate';
import { imageIdSchema, visitorIdSchema } from '@photo/shared/domain/ids';

/** Request shapes of the backend API: the routes parse with these, and the OpenAPI document is built from them. */

export const participantInput = z
  .object({
    displayName: z.string().trim().min(1).max(100),
    email: z.email().max(254).nullable().optional(),
    externalRef: z
      .string()
      .trim()
      .min(1)
      .max(100)
      .regex(/^[^\s/\\]+$/, 'must have no spaces or slashes')
      .nullable()
      .optional(),
  })
  .strict();

export const selfRegistration = participantInput.omit({ externalRef: true });

/** The largest JSON body of every route but the import. */
export const JSON_BODY_LIMIT = '1mb';

export const MAX_IMPORT_ROWS = 10_000;
/** A bulk import's body, JSON or CSV: 10,000 rows run to a few MB. Every other JSON body is at most 1 MB. */
export const IMPORT_BODY_LIMIT = '5mb';
export const participantImport = z
  .object({ participants: z.array(participantInput).min(1).max(MAX_IMPORT_ROWS) })
  .strict();

export const checkInRequest = z.object({ qr: z.string().min(1).max(512) }).strict();

export const pageQuery = z
  .object({
    limit: queryInteger({ min: 1, max: 200, default: 50 }),
    after: z.string().max(512).optional(),
  })
  .strict();

export const participantListQuery = pageQuery
  .extend({
    q: z
      .string()
      .trim()
      .max(100)
      .optional()
      .meta({ description: 'Part of the name or external ref, any case.' }),
    photographed: z
      .enum(['true', 'false'])
      .transform((v) => v === 'true')
      .optional()
      .meta({ description: 'Only those photographed (true) or not yet (false).' }),
    order: z.enum(['newest', 'oldest']).default('newest'),
  })
  .strict();

export const imageListQuery = pageQuery.extend({ kind: z.enum(IMAGE_KINDS).optional() }).strict();

export const photoQuery = z
  .object({
    /** The photo version staff confirmed overwriting. */
    expectedVersion: queryInteger({ min: 0 }),
  })
  .strict();

export const idempotencyKey = z
  .string()
  .regex(/^[A-Za-z0-9._:-]{8,100}$/, 'must be 8-100 characters of [A-Za-z0-9._:-]')
  .optional();

export const urlRequest = z.object({ variant: imageVariantSchema.optional() }).strict();

export const updatesQuery = z.object({ since: z.string().max(100).optional() }).strict();

export const deadLetterId = z.string().regex(/^dl_[0-9a-z]{20}$/, 'must be a dead letter id');

/** What the backend streams on to the image server, which decides from the bytes what it accepts. */
export const IMAGE_CONTENT_TYPES = ['image/jpeg', 'image/png', 'image/webp', 'image/avif', 'image/heic'];

export const generationRequest = z.object({ paletteId: paletteIdSchema.optional() }).strict();

export const lookRequest = z.object({ paletteIds: z.array(paletteIdSchema).min(1).max(8) }).strict();

export const visitorParams = z.object({ visitorId: visitorIdSchema });
export const imageParams = z.object({ imageId: imageIdSchema });
export const idempotencyHeader = z.object({ 'Idempotency-Key': idempotencyKey });

/** A raw image body, of any type the backend streams on. */
export const imageBodies = Object.fromEntries(
  IMAGE_CONTENT_TYPES.map((type) => [type, { schema: { type: 'string', contentMediaType: type } }]),
) as ZodContentObject;

/** What the image server answers an upload with, passed through by the backend. */
export const imageUploadErrors = [
  errors.invalidRequest,
  [errors.emptyBody, 'An image with no bytes.'],
  [errors.payloadTooLarge, "An image larger than the image server's MAX_UPLOAD_BYTES."],
  [errors.unsupportedMediaType, 'The Content-Type is not an image type this route accepts.'],
  errors.imageTypeNotAllowed,
  errors.imageInvalid,
  errors.imageTooManyPixels,
  errors.idempotencyKeyReused,
  [errors.dependencyFailed, 'The image server failed or did not answer.'],
] as const;

import { z } from 'zod';
import { analysisIdSchema, expressionSchema, galleryUserIdSchema } from '@photo/shared/domain/gallery';
import { imageIdSchema } from '@photo/shared/domain/ids';

/** A boolean as JSON sends it, or as a query string spells it. */
const flag = z.union([z.boolean(), z.enum(['true', 'false']).transform((v) => v === 'true')]);

export const createUserRequest = z
  .object({
    analysisId: analysisIdSchema,
    /** Must be given, true or false: indexing a face is never a default. */
    consent: flag,
    expression: expressionSchema.optional(),
  })
  .strict();

export const galleryRequest = z
  .object({
    userId: galleryUserIdSchema,
    expression: expressionSchema.optional(),
    limit: z.number().int().min(1).max(50).optional(),
  })
  .strict();

export const likeRequest = z.object({ userId: galleryUserIdSchema, itemId: imageIdSchema }).strict();

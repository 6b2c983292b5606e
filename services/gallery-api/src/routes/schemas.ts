import { z } from 'zod';
import { analysisIdSchema, expressionSchema, galleryUserIdSchema } from '@photo/shared/domain/gallery';
import { imageIdSchema } from '@photo/shared/domain/ids';

/**
 * The gallery's request shapes: the routes parse with these and the OpenAPI document is generated from them, so the
 * two cannot drift. Response shapes are in response-schemas.ts.
 */

export const userId = galleryUserIdSchema.meta({
  description:
    "A gallery user id: `gu_` and 26 base32 characters (130 random bits). It must be the bearer token's own user.",
});
export const analysisId = analysisIdSchema.meta({
  description:
    'An analysis id from `POST /emotion`: `fa_` and 26 base32 characters; valid for a few minutes.',
});
export const itemId = imageIdSchema.meta({
  description:
    'A catalog item: the image id (`img_` and 20 base32 characters) the image server stores it under.',
});
export const expression = expressionSchema.meta({
  description:
    "What the face shows (not what the person feels); `confused` only with Rekognition. A face analyser's strongest score.",
});

/** A boolean as JSON sends it, or as a query string spells it. */
const flag = z.union([z.boolean(), z.enum(['true', 'false']).transform((v) => v === 'true')]);

export const createUserRequest = z
  .object({
    analysisId,
    /** Must be given, true or false: indexing a face is never a default. */
    consent: flag.meta({
      description:
        'Must be given: only `true` indexes the face (recognisable on later selfies until its retention ends).',
    }),
    expression: expression.optional(),
  })
  .strict();

export const galleryRequest = z
  .object({
    userId,
    expression: expression.optional(),
    limit: z
      .number()
      .int()
      .min(1)
      .max(50)
      .optional()
      .meta({ description: 'At most this many items; GALLERY_DEFAULT_ITEMS (12) when absent.' }),
  })
  .strict();

export const likeRequest = z.object({ userId, itemId }).strict();

export const userParams = z.object({ userId });

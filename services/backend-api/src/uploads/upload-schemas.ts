import { z } from 'zod';
import { uploadIntentIdSchema, visitorIdSchema } from '@photo/shared/domain/ids';
import { UPLOAD_PURPOSES } from '@photo/shared/domain/upload';

/** Request shapes of direct uploads: the routes parse with these, and the OpenAPI document is built from them. */
export const uploadRequest = z
  .object({
    fileName: z.string().trim().min(1).max(255),
    contentType: z
      .string()
      .min(1)
      .max(100)
      .meta({ description: 'Exactly the Content-Type the PUT will carry.' }),
    size: z
      .number()
      .int()
      .positive()
      .meta({ description: 'Exactly the number of bytes the PUT will carry.' }),
    sha256: z
      .string()
      .regex(/^[0-9a-f]{64}$/, 'must be 64 lower-case hex digits')
      .optional()
      .meta({ description: 'Hex SHA-256 of the file: checked once it has arrived.' }),
    purpose: z.enum(UPLOAD_PURPOSES),
    visitorId: visitorIdSchema
      .optional()
      .meta({ description: 'Staff: whose photo this is. Participants: omit it (their own).' }),
    expectedVersion: z.number().int().min(0).optional().meta({
      description: 'A participant photo: the version being replaced (as the PUT photo route takes it).',
    }),
    callbackUrl: z
      .string()
      .max(2048)
      .optional()
      .meta({ description: 'POSTed a signed Upload once it is ready, rejected, failed or expired (https).' }),
  })
  .strict();

export const uploadParams = z.object({ intentId: uploadIntentIdSchema });

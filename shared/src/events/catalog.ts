import { z } from 'zod';
import { IMAGE_VARIANTS } from '../domain/image';
import { imageIdSchema, visitorIdSchema } from '../domain/ids';
import { defineEvent } from './define-event';

/** The event catalog: every event of the system, its topic, payload schema and version. */

/** A new version of an image was stored (staff photo, operator upload): the colour pipeline starts here. */
export const imageUploaded = defineEvent({
  name: 'image.uploaded',
  topic: 'image-uploaded',
  version: 1,
  schema: z
    .object({
      imageId: imageIdSchema,
      version: z.number().int().positive(),
      kind: z.enum(['participant-photo', 'event']),
      ownerVisitorId: visitorIdSchema.nullable(),
    })
    .strict(),
  orderBy: 'imageId',
});

/** New one-time URLs of an image now serve another version or variant: the backend records it per participant. */
export const imageUpdated = defineEvent({
  name: 'image.updated',
  topic: 'image-updated',
  version: 1,
  schema: z
    .object({
      imageId: imageIdSchema,
      version: z.number().int().positive(),
      variant: z.enum(IMAGE_VARIANTS),
      ownerVisitorId: visitorIdSchema.nullable(),
      /** Set when the update is for a participant other than the owner (a recolouring made for a visitor). */
      visitorId: visitorIdSchema.nullable().default(null),
      updatedAt: z.iso.datetime(),
    })
    .strict(),
  orderBy: 'imageId',
});

export const catalog = { imageUploaded, imageUpdated } as const;

import { z } from 'zod';
import { imageIdSchema, visitorIdSchema } from '@photo/shared/domain/ids';
import { IMAGE_STATUSES, imageVariantSchema } from '@photo/shared/domain/image';
import { paletteIdSchema } from '@photo/shared/domain/palette';
import { imageViewSchema, variantViewSchema } from '@photo/shared/http/image-views';

/**
 * Response shapes of the backend API, for the OpenAPI document. The view functions are typed with these, so a view
 * that changes shape fails the type check until its schema follows.
 *
 * A schema named with `.meta({ id })` becomes a component; use it as it is (`z.union([x, z.null()])`, not
 * `x.nullable()` or `x.meta(...)`), or the generator inlines it or marks the component itself nullable.
 */

export const instant = z.iso.datetime();
/** A version number: 1 for an image's first. */
const version = z.number().int().positive();
export const cursor = z
  .string()
  .nullable()
  .meta({ description: 'Pass as `after` for the next page; null on the last page.' });

export const participantView = z
  .object({
    visitorId: visitorIdSchema,
    displayName: z.string(),
    email: z.string().nullable(),
    externalRef: z
      .string()
      .nullable()
      .meta({ description: "The organiser's own reference (ticket number); unique." }),
    source: z.enum(['operator', 'import', 'self']),
    photoImageId: imageIdSchema.meta({
      description: "The image whose versions are the participant's photo.",
    }),
    createdAt: instant,
  })
  .meta({ id: 'Participant' });
export type ParticipantView = z.infer<typeof participantView>;

export const participantStatusView = z
  .discriminatedUnion('state', [
    z.object({ state: z.literal('not-photographed'), photoVersion: z.literal(0) }),
    z.object({
      state: z.literal('photographed'),
      photoVersion: version.meta({ description: 'Confirm it as `expectedVersion` to overwrite.' }),
      photoVariant: imageVariantSchema,
    }),
  ])
  .meta({ id: 'ParticipantStatus' });
export type ParticipantStatusView = z.infer<typeof participantStatusView>;

const qrPayload = z
  .string()
  .meta({ description: 'The signed QR payload staff scan (`PQR1.<visitorId>.<expiry>.<mac>`).' });

export const createdParticipantView = z
  .object({
    participant: participantView,
    participantToken: z
      .string()
      .startsWith('pt_')
      .meta({ description: "The participant app's bearer token. Shown once: only its hash is stored." }),
    qrPayload,
  })
  .meta({ id: 'CreatedParticipant' });
export type CreatedParticipantView = z.infer<typeof createdParticipantView>;

export const importResultView = z.object({
  created: z.array(createdParticipantView),
  existing: z.array(z.object({ participant: participantView, qrPayload })).meta({
    description: 'Rows whose externalRef already existed: the stored participant, unchanged, and no token.',
  }),
});

export const participantPageView = z.object({
  items: z.array(participantView.extend({ status: participantStatusView, qrPayload })),
  next: cursor,
});

export const importPreviewView = z.object({
  rows: z
    .array(
      z.object({
        displayName: z.string(),
        email: z.string().nullable(),
        externalRef: z.string().nullable(),
      }),
    )
    .meta({ description: 'Every row as the import would store it, in file order.' }),
});

export const participantDetailView = z.object({
  participant: participantView,
  status: participantStatusView,
});

export const qrView = z
  .object({
    qrPayload,
    expiresAt: instant.meta({
      description:
        'The last instant the payload scans (QR_TTL_SECONDS after it was issued); ask again after it.',
    }),
  })
  .meta({ id: 'QrCode' });
export type QrView = z.infer<typeof qrView>;

export const imageLinkView = z
  .object({
    url: z.url().meta({ description: 'The one-time URL on the image server: one successful GET, then 410.' }),
    imageId: imageIdSchema,
    version,
    variant: imageVariantSchema,
    expiresAt: instant,
  })
  .meta({ id: 'ImageLink' });

export const checkInView = participantDetailView.extend({
  photo: z.union([imageLinkView, z.null()]).meta({
    description: 'A one-time URL of the current photo, to confirm the face; null before the first photo.',
  }),
});

export const uploadedVersionView = z
  .object({
    imageId: imageIdSchema,
    version,
    status: z.enum(IMAGE_STATUSES),
    bytes: z.number().int().positive(),
    width: z.number().int().positive(),
    height: z.number().int().positive(),
    contentType: z.string().meta({ description: 'Detected from the bytes, not taken from the request.' }),
    created: z
      .boolean()
      .meta({ description: 'False when the same Idempotency-Key had already stored this version.' }),
  })
  .meta({ id: 'UploadedVersion' });

export const eventUploadView = z.object({ images: z.array(uploadedVersionView) });

const triple = z.tuple([z.number(), z.number(), z.number()]);

export const paletteView = z
  .object({
    paletteId: paletteIdSchema,
    imageId: imageIdSchema,
    version,
    k: z.number().int().positive(),
    algorithm: z.string(),
    colours: z
      .array(z.object({ hex: z.string(), rgb: triple, lab: triple, share: z.number().min(0).max(1) }))
      .meta({ description: 'Largest share first; the shares sum to 1.' }),
    createdAt: instant,
  })
  .meta({ id: 'Palette' });
export type PaletteView = z.infer<typeof paletteView>;

export const imageDetailView = z.object({
  image: imageViewSchema,
  palette: z
    .union([paletteView, z.null()])
    .meta({ description: 'The palette of the current version, once it is clustered.' }),
  variants: z.array(variantViewSchema),
  statusHistory: z.array(
    z.object({
      version,
      status: z.enum(IMAGE_STATUSES),
      reason: z.string().nullable(),
      at: instant,
    }),
  ),
});

export const generationView = z.object({
  imageId: imageIdSchema,
  version,
  paletteId: paletteIdSchema,
});

export const lookView = z.object({
  lookImageId: imageIdSchema.meta({
    description: 'The image the look will be; it appears on the participant feed.',
  }),
  sourceImageId: imageIdSchema,
  version,
  paletteIds: z.array(paletteIdSchema),
});

export const imagePageView = z.object({ items: z.array(imageViewSchema), next: cursor });

export const myImageView = imageViewSchema
  .extend({
    likedByMe: z.boolean().meta({
      description:
        'Whether I like this image now (POST /likes, DELETE /likes/{imageId}); false when likes are off.',
    }),
  })
  .meta({ id: 'MyImage' });

export const myImagesView = z.object({ items: z.array(myImageView), next: cursor });

export const updateView = z
  .object({
    imageId: imageIdSchema,
    version,
    variant: imageVariantSchema,
    updatedAt: instant,
  })
  .meta({ id: 'ImageUpdate' });
export type UpdateView = z.infer<typeof updateView>;

export const updateBatchView = z.object({
  updates: z.array(updateView).meta({ description: 'Oldest first, at most 100.' }),
  cursor: z
    .string()
    .nullable()
    .meta({ description: 'Pass back as `since`. Null when the feed is empty and no `since` was given.' }),
});

export const deadLetterView = z
  .object({
    id: z.string(),
    subscription: z.string(),
    topic: z.string(),
    messageId: z.string(),
    attributes: z.record(z.string(), z.string()),
    payload: z.unknown().meta({ description: 'The message data parsed as JSON; null when it is not JSON.' }),
    dataBase64: z.string().optional().meta({ description: 'The raw data, only when it is not JSON.' }),
    reason: z.string(),
    kind: z.enum(['exhausted', 'rejected']).meta({
      description: '`exhausted`: the retries ran out; `rejected`: the handler refused it as poison.',
    }),
    attempts: z.number().int(),
    deadLetteredAt: instant,
    replayedAt: instant.nullable(),
  })
  .meta({ id: 'DeadLetter' });
export type DeadLetterView = z.infer<typeof deadLetterView>;

export const deadLetterPageView = z.object({ items: z.array(deadLetterView), next: cursor });

export const operatorListView = z
  .object({
    items: z.array(
      z.object({
        userId: z.string(),
        email: z.string().nullable(),
        name: z.string().nullable(),
        roles: z.array(z.string()),
      }),
    ),
  })
  .meta({ id: 'OperatorList' });

export const replayView = z.object({
  replayed: z.string().meta({ description: 'The dead letter id.' }),
  topic: z.string(),
  messageId: z.string().meta({ description: 'The id of the message published again.' }),
});

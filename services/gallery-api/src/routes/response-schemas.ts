import { z } from 'zod';
import { analysisId, expression, itemId, userId } from './schemas';

/**
 * The gallery's response shapes. The routes' contracts declare them, so a reply that changes shape fails the type
 * check until its schema follows, and the OpenAPI document is generated from them.
 */

const instant = z.iso.datetime();

const galleryToken = z.string().meta({
  description:
    'A gallery token (`gt_` and 43 characters): send it as `Authorization: Bearer` to `/gallery`, `/like` and `DELETE /users/{userId}`. It acts only on this user; keep it like a password.',
});

export const faceBox = z
  .object({
    x: z.number().int(),
    y: z.number().int(),
    width: z.number().int(),
    height: z.number().int(),
  })
  .meta({ id: 'FaceBox', description: "A face's place in the (auto-oriented) selfie, in pixels." });

export const emotionView = z
  .object({
    userId: userId
      .nullable()
      .meta({ description: 'The returning user the face was recognised as (they consented), or null.' }),
    expression,
    confidence: z.number().min(0).max(1),
    faceBox,
    analysisId,
    analysisExpiresAt: instant.meta({
      description: 'After this, `POST /createUser` answers ANALYSIS.NOT_FOUND.',
    }),
    galleryToken: galleryToken
      .nullable()
      .meta({ description: 'For a recognised user, a gallery token for them; otherwise null.' }),
    galleryTokenExpiresAt: instant.nullable(),
  })
  .meta({ id: 'Emotion' });
export type EmotionView = z.infer<typeof emotionView>;

export const createdUserView = z
  .object({
    userId,
    expression,
    created: z
      .boolean()
      .meta({ description: 'False for a repeat, or for a recognised face: the same user.' }),
    faceIndexed: z.boolean(),
    faceExpiresAt: instant
      .nullable()
      .meta({ description: 'When the face stops being recognisable; null when it is not indexed.' }),
    galleryToken,
    galleryTokenExpiresAt: instant.meta({
      description: 'After this the token answers AUTH.UNAUTHENTICATED (GALLERY_SESSION_TTL_SECONDS).',
    }),
  })
  .meta({ id: 'GalleryUser' });
export type CreatedUserView = z.infer<typeof createdUserView>;

export const galleryView = z
  .object({
    userId,
    expression: expression.meta({ description: 'The expression the recommendations were seeded by.' }),
    items: z.array(
      z.object({
        itemId,
        url: z
          .url()
          .meta({ description: 'A one-time URL on the image server: one successful GET, then 410.' }),
        expiresAt: instant,
      }),
    ),
  })
  .meta({ id: 'Gallery' });

export const meView = z
  .object({
    userId: userId.nullable().meta({
      description:
        'The user the token stands for; null for a participant who has made none (or whose user was erased).',
    }),
    faceExpiresAt: instant
      .nullable()
      .meta({ description: 'Until when their face is recognisable; null when none is indexed.' }),
  })
  .meta({ id: 'GalleryMe' });

export const erasureView = z
  .object({
    userId,
    erased: z.boolean().meta({ description: 'The user and everything the store held of them are gone.' }),
    recommender: z
      .object({
        state: z.enum(['not-started', 'pending', 'in-progress', 'completed', 'failed']).meta({
          description:
            "How far the recommender has forgotten them: at once with the local recommender (`completed`); with Personalize, its data deletion job's state.",
        }),
        jobId: z.string().nullable().meta({ description: "Personalize's data deletion job (ARN), if any." }),
        reason: z.string().nullable().meta({ description: 'Why the job failed.' }),
      })
      .meta({ id: 'RecommenderErasure' }),
  })
  .meta({ id: 'GalleryErasure' });

export const likeView = z
  .object({ userId, itemId, created: z.boolean().meta({ description: 'False for a repeat.' }) })
  .meta({ id: 'GalleryLike' });

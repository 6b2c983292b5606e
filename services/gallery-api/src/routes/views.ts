import type { CreatedUser } from '../use-cases/create-user';
import type { SelfieAnalysis } from '../use-cases/analyse-selfie';
import type { IssuedSession } from '../use-cases/gallery-session';
import type { CreatedUserView, EmotionView } from './response-schemas';

export const toEmotionView = (a: SelfieAnalysis, session: IssuedSession | null): EmotionView => ({
  userId: a.userId,
  expression: a.expression,
  confidence: Math.round(a.confidence * 1000) / 1000,
  faceBox: a.faceBox,
  analysisId: a.analysisId,
  analysisExpiresAt: a.analysisExpiresAt.toISOString(),
  galleryToken: session?.token ?? null,
  galleryTokenExpiresAt: session?.expiresAt.toISOString() ?? null,
});

export const toCreatedUserView = (r: CreatedUser, session: IssuedSession): CreatedUserView => ({
  userId: r.user.userId,
  expression: r.user.expression,
  created: r.created,
  faceIndexed: r.faceIndexed,
  faceExpiresAt: r.faceIndexed && r.user.faceExpiresAt ? r.user.faceExpiresAt.toISOString() : null,
  galleryToken: session.token,
  galleryTokenExpiresAt: session.expiresAt.toISOString(),
});

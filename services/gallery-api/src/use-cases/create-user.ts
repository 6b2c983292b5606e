import { userIdForAnalysis, type Expression, type GalleryUser } from '@photo/shared/domain/gallery';
import { errors } from '@photo/shared/errors/errors';
import type { Clock } from '@photo/shared/ports/common';
import type { FaceAnalysisRepository } from '@photo/shared/ports/face-analysis-repository.port';
import type { FaceIndex } from '@photo/shared/ports/face-index.port';
import type { GalleryUserRepository } from '@photo/shared/ports/gallery-user-repository.port';
import type { Recommender } from '@photo/shared/ports/recommender.port';

export interface CreateUserDeps {
  analyses: FaceAnalysisRepository;
  users: GalleryUserRepository;
  faces: FaceIndex;
  recommender: Recommender;
  clock: Clock;
  config: { faceRetentionDays: number };
}

export interface CreateUserInput {
  analysisId: string;
  /** Only with consent is the face indexed, i.e. recognisable on a later selfie. */
  consent: boolean;
  /** The expression to record; the analysed one when absent. */
  expression: Expression | null;
  /** The selfie again, for a face index that works on images (Rekognition); a temp file the caller deletes. */
  selfiePath: string | null;
  /**
   * The user the caller's token already stands for (a participant who made one before), or null. An unrecognised
   * face then joins that user instead of making another, so one participant has one user, and one erasure erases it.
   */
  callerUserId: string | null;
}

export interface CreatedUser {
  user: GalleryUser;
  created: boolean;
  faceIndexed: boolean;
}

/**
 * Makes the user an analysis describes, or answers the one it already names: idempotent, because the user id is
 * derived from the analysis id (a retry lands on the same user) and a recognised face answers its user. The face is
 * indexed only with consent, until the retention period ends; either way the analysis's descriptor is then dropped.
 */
export async function createUser(deps: CreateUserDeps, input: CreateUserInput): Promise<CreatedUser> {
  const now = deps.clock.now();
  const analysis = await deps.analyses.get(input.analysisId, now);
  if (!analysis) throw errors.analysisNotFound(input.analysisId);
  const expression = input.expression ?? analysis.expression;
  /** An existing user answers: with the expression recorded and the analysis used, its face kept until `keptUntil`. */
  const answerExisting = async (user: GalleryUser, keptUntil: Date | null): Promise<CreatedUser> => {
    await deps.users.setExpression(user.userId, expression, now);
    await deps.analyses.markUsed(analysis.analysisId, user.userId);
    const faceIndexed = keptUntil !== null && keptUntil.getTime() > now.getTime();
    return {
      user: { ...user, expression, faceExpiresAt: keptUntil, updatedAt: now },
      created: false,
      faceIndexed,
    };
  };

  const known = analysis.usedByUserId ?? analysis.matchedUserId;
  if (known !== null) {
    const user = await deps.users.get(known);
    if (!user) throw errors.analysisNotFound(input.analysisId);
    return answerExisting(user, user.faceExpiresAt);
  }

  const probe = { descriptor: analysis.descriptor, imagePath: input.selfiePath };
  if (input.consent && deps.faces.needs === 'image' && probe.imagePath === null)
    throw errors.selfieRequired();
  if (input.consent && deps.faces.needs === 'descriptor' && probe.descriptor === null) {
    throw errors.analysisNotFound(input.analysisId);
  }

  const faceExpiresAt = input.consent
    ? new Date(now.getTime() + deps.config.faceRetentionDays * 86_400_000)
    : null;
  const callers = input.callerUserId ? await deps.users.get(input.callerUserId) : null;
  if (callers) {
    if (faceExpiresAt) {
      // As below, the expiry is recorded before the face exists.
      await deps.users.setFaceExpiry(callers.userId, faceExpiresAt, now);
      await deps.faces.index({ userId: callers.userId, probe, indexedAt: now, expiresAt: faceExpiresAt });
    }
    return answerExisting(callers, faceExpiresAt ?? callers.faceExpiresAt);
  }
  const userId = userIdForAnalysis(analysis.analysisId);
  // The user row first: it records the face's expiry before the face exists, so the expiry sweep and an erasure
  // always find it, even if indexing fails and this request is retried.
  const { user, created } = await deps.users.create({
    userId,
    expression,
    faceExpiresAt,
    createdAt: now,
    updatedAt: now,
  });
  if (input.consent) await deps.faces.index({ userId, probe, indexedAt: now, expiresAt: faceExpiresAt! });
  await deps.recommender.putUser({ userId, expression: user.expression });
  await deps.analyses.markUsed(analysis.analysisId, userId);
  return { user, created, faceIndexed: input.consent };
}

import {
  newAnalysisId,
  topExpression,
  type Expression,
  type FaceAnalysis,
  type FaceBox,
} from '@photo/shared/domain/gallery';
import { errors } from '@photo/shared/errors/errors';
import type { Clock } from '@photo/shared/ports/common';
import type { DetectedFace, FaceAnalyzer } from '@photo/shared/ports/face-analyzer.port';
import type { FaceAnalysisRepository } from '@photo/shared/ports/face-analysis-repository.port';
import type { FaceIndex } from '@photo/shared/ports/face-index.port';
import type { GalleryUserRepository } from '@photo/shared/ports/gallery-user-repository.port';
import type { ImageInspector } from '@photo/shared/ports/image-inspector.port';

export interface AnalyseSelfieDeps {
  inspector: ImageInspector;
  analyzer: FaceAnalyzer;
  faces: FaceIndex;
  users: GalleryUserRepository;
  analyses: FaceAnalysisRepository;
  clock: Clock;
  config: { minFacePx: number; analysisTtlSeconds: number; maxSelfiePixels: number; selfieTypes: string[] };
}

export interface SelfieAnalysis {
  analysisId: string;
  analysisExpiresAt: Date;
  /** The returning user the face was recognised as, or null. */
  userId: string | null;
  expression: Expression;
  confidence: number;
  faceBox: FaceBox;
}

/**
 * A face counts as competing with the largest one when it is at least this share of its width: a selfie taken in a
 * crowd has small faces behind the person, and those are not refused.
 */
export const COMPETING_FACE_SHARE = 0.5;

/**
 * Reads a selfie (a temp file the caller deletes whatever happens): checks it is an image, finds exactly one face
 * big enough to recognise, reads its expression, and searches the face index for a returning user. The face's
 * descriptor is kept for a few minutes under the returned analysis id, so createUser can index it without a second
 * upload; the image itself is never kept.
 */
export async function analyseSelfie(deps: AnalyseSelfieDeps, selfiePath: string): Promise<SelfieAnalysis> {
  await deps.inspector.inspect(selfiePath, {
    maxPixels: deps.config.maxSelfiePixels,
    allowedTypes: deps.config.selfieTypes,
  });
  const face = theFace(await deps.analyzer.analyze(selfiePath), deps.config.minFacePx);
  const { expression, confidence } = topExpression(face.expressions);
  const now = deps.clock.now();

  const userId = await recognise(deps, { descriptor: face.descriptor, imagePath: selfiePath }, now);
  if (userId) await deps.users.setExpression(userId, expression, now);

  const analysis: FaceAnalysis = {
    analysisId: newAnalysisId(),
    expression,
    confidence,
    box: face.box,
    descriptor: face.descriptor,
    matchedUserId: userId,
    usedByUserId: null,
    createdAt: now,
    expiresAt: new Date(now.getTime() + deps.config.analysisTtlSeconds * 1000),
  };
  await deps.analyses.save(analysis);
  return {
    analysisId: analysis.analysisId,
    analysisExpiresAt: analysis.expiresAt,
    userId,
    expression,
    confidence,
    faceBox: face.box,
  };
}

/** The one face of a selfie, or the reason there is none. */
export function theFace(faces: DetectedFace[], minFacePx: number): DetectedFace {
  if (faces.length === 0) throw errors.faceNone();
  const largest = faces.reduce((a, b) => (b.box.width > a.box.width ? b : a));
  const competing = faces.filter((f) => f.box.width >= COMPETING_FACE_SHARE * largest.box.width);
  if (competing.length > 1) throw errors.faceSeveral(competing.map((f) => f.box));
  const size = Math.min(largest.box.width, largest.box.height);
  if (size < minFacePx) throw errors.faceTooSmall(size, minFacePx);
  return largest;
}

/** A match counts only while its user exists and their face has not expired (Rekognition keeps no expiry itself). */
async function recognise(
  deps: AnalyseSelfieDeps,
  probe: { descriptor: number[] | null; imagePath: string },
  now: Date,
) {
  if (deps.faces.needs === 'descriptor' && probe.descriptor === null) return null;
  const match = await deps.faces.search(probe, now);
  if (!match) return null;
  const user = await deps.users.get(match.userId);
  return user?.faceExpiresAt && user.faceExpiresAt.getTime() > now.getTime() ? user.userId : null;
}

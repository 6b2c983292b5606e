import type { FaceAnalysis } from '../domain/gallery';

/** Analysed selfies, kept for minutes between /emotion and /createUser. Never the image: the descriptor at most. */
export interface FaceAnalysisRepository {
  save(analysis: FaceAnalysis): Promise<void>;
  /** The analysis, or null when it is unknown or expired at `now`. */
  get(analysisId: string, now: Date): Promise<FaceAnalysis | null>;
  /** Records the user made from it and drops the descriptor; false when the analysis does not exist. */
  markUsed(analysisId: string, userId: string): Promise<boolean>;
  /** Deletes every analysis matched to or used by the user (erasure); returns how many. */
  deleteForUser(userId: string): Promise<number>;
  /** Deletes analyses that expired before `before`; returns how many. */
  deleteExpired(before: Date): Promise<number>;
}

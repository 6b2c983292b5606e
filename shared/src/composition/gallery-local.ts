import { FaceApiFaceAnalyzer } from '../adapters/face-api/face-analyzer.face-api';
import { LocalRecommender } from '../adapters/local/recommender.local';
import type { FaceAnalysisRepository } from '../ports/face-analysis-repository.port';
import type { FaceAnalyzer } from '../ports/face-analyzer.port';
import type { FaceIndex, StoredFaceIndex } from '../ports/face-index.port';
import type { GalleryItemRepository } from '../ports/gallery-item-repository.port';
import type { GalleryLikeRepository } from '../ports/gallery-like-repository.port';
import type { GallerySessionRepository } from '../ports/gallery-session-repository.port';
import type { GalleryUserRepository } from '../ports/gallery-user-repository.port';
import type { ParticipantRepository } from '../ports/participant-repository.port';
import type { RateLimiter } from '../ports/rate-limiter.port';
import type { Recommender } from '../ports/recommender.port';

/**
 * The face gallery's adapters, chosen in one place. Its store (users, catalog, likes, analyses) is SQLite embedded
 * and Firestore in the cloud; its face work and recommendations run locally (face-api on TensorFlow.js WASM, a
 * recommender over the store) unless the AWS services are configured (Rekognition, Personalize). The local
 * pieces live here, apart from the cloud composition, so the embedded default never loads the AWS or Firestore clients.
 */
export interface GalleryAdapters {
  users: GalleryUserRepository;
  items: GalleryItemRepository;
  likes: GalleryLikeRepository;
  analyses: FaceAnalysisRepository;
  faces: FaceIndex | StoredFaceIndex;
  analyzer: FaceAnalyzer;
  recommender: Recommender;
  sessions: GallerySessionRepository;
  /** Read only: a participant token also stands for the gallery user its participant made. */
  participants: Pick<ParticipantRepository, 'findByTokenHash'>;
  limiter: RateLimiter;
}

export interface LocalGalleryOptions {
  /** Euclidean distance under which two face descriptors are the same person. */
  matchThreshold: number;
  /** Fixes the local recommender's exploration draws. */
  recommenderSeed: number;
}

export const localGalleryServices = (
  items: GalleryItemRepository,
  likes: GalleryLikeRepository,
  options: LocalGalleryOptions,
) => ({
  // Its models load on the first selfie, once per process.
  analyzer: new FaceApiFaceAnalyzer(),
  recommender: new LocalRecommender(items, likes, {
    seed: options.recommenderSeed,
    maxItems: 5000,
    maxLikes: 20_000,
  }),
});

import type { Firestore } from '@google-cloud/firestore';
import { PersonalizeEventsClient } from '@aws-sdk/client-personalize-events';
import { PersonalizeRuntimeClient } from '@aws-sdk/client-personalize-runtime';
import { RekognitionClient } from '@aws-sdk/client-rekognition';
import { RekognitionFaceAnalyzer } from '../adapters/aws/face-analyzer.rekognition';
import { RekognitionFaceIndex } from '../adapters/aws/face-index.rekognition';
import { PersonalizeRecommender, type PersonalizeOptions } from '../adapters/aws/recommender.personalize';
import { FaceApiFaceAnalyzer } from '../adapters/face-api/face-analyzer.face-api';
import { FirestoreFaceAnalysisRepository } from '../adapters/firestore/face-analysis-repository.firestore';
import { FirestoreFaceIndex } from '../adapters/firestore/face-index.firestore';
import { FirestoreGalleryItemRepository } from '../adapters/firestore/gallery-item-repository.firestore';
import { FirestoreGalleryLikeRepository } from '../adapters/firestore/gallery-like-repository.firestore';
import { FirestoreGallerySessionRepository } from '../adapters/firestore/gallery-session-repository.firestore';
import { FirestoreGalleryUserRepository } from '../adapters/firestore/gallery-user-repository.firestore';
import { FirestoreParticipantRepository } from '../adapters/firestore/participant-repository.firestore';
import { FirestoreRateLimiter } from '../adapters/firestore/rate-limiter.firestore';
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
 * recommender over the store) unless the AWS services are configured (Rekognition, Personalize).
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

/** Firestore for the store and the face index (vector search), face work and ranking in process. */
export function openFirestoreGallery(firestore: Firestore, options: LocalGalleryOptions): GalleryAdapters {
  const items = new FirestoreGalleryItemRepository(firestore);
  const likes = new FirestoreGalleryLikeRepository(firestore);
  return {
    users: new FirestoreGalleryUserRepository(firestore),
    sessions: new FirestoreGallerySessionRepository(firestore),
    participants: new FirestoreParticipantRepository(firestore),
    limiter: new FirestoreRateLimiter(firestore),
    items,
    likes,
    analyses: new FirestoreFaceAnalysisRepository(firestore),
    faces: new FirestoreFaceIndex(firestore, options.matchThreshold),
    ...localGalleryServices(items, likes, options),
  };
}

export interface AwsGalleryOptions {
  region: string;
  rekognition: { collectionId: string; minSimilarity: number } | null;
  personalize: PersonalizeOptions | null;
}

/** Replaces the local face work and/or recommender with Rekognition and/or Personalize, as configured. */
export function withAwsServices(base: GalleryAdapters, options: AwsGalleryOptions): GalleryAdapters {
  const adapters = { ...base };
  if (options.rekognition) {
    const client = new RekognitionClient({ region: options.region });
    adapters.analyzer = new RekognitionFaceAnalyzer(client);
    adapters.faces = new RekognitionFaceIndex(client, options.rekognition);
  }
  if (options.personalize) {
    adapters.recommender = new PersonalizeRecommender(
      new PersonalizeRuntimeClient({ region: options.region }),
      new PersonalizeEventsClient({ region: options.region }),
      options.personalize,
    );
  }
  return adapters;
}

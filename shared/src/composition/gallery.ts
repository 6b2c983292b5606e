import type { Firestore } from '@google-cloud/firestore';
import type { AwsCredentialIdentityProvider } from '@aws-sdk/types';
import { PersonalizeEventsClient } from '@aws-sdk/client-personalize-events';
import { PersonalizeRuntimeClient } from '@aws-sdk/client-personalize-runtime';
import { RekognitionClient } from '@aws-sdk/client-rekognition';
import { RekognitionFaceAnalyzer } from '../adapters/aws/face-analyzer.rekognition';
import { RekognitionFaceIndex } from '../adapters/aws/face-index.rekognition';
import { PersonalizeRecommender, type PersonalizeOptions } from '../adapters/aws/recommender.personalize';
import {
  PersonalizeDataDeletion,
  type PersonalizeDeletionOptions,
} from '../adapters/aws/personalize-data-deletion';
import { PersonalizeClient } from '@aws-sdk/client-personalize';
import { S3Client } from '@aws-sdk/client-s3';
import { FirestoreFaceAnalysisRepository } from '../adapters/firestore/face-analysis-repository.firestore';
import { FirestoreFaceIndex } from '../adapters/firestore/face-index.firestore';
import { FirestoreGalleryItemRepository } from '../adapters/firestore/gallery-item-repository.firestore';
import { FirestoreGalleryLikeRepository } from '../adapters/firestore/gallery-like-repository.firestore';
import { FirestoreGallerySessionRepository } from '../adapters/firestore/gallery-session-repository.firestore';
import { FirestoreGalleryUserRepository } from '../adapters/firestore/gallery-user-repository.firestore';
import { FirestoreParticipantRepository } from '../adapters/firestore/participant-repository.firestore';
import { FirestoreRateLimiter } from '../adapters/firestore/rate-limiter.firestore';
import { localGalleryServices, type GalleryAdapters, type LocalGalleryOptions } from './gallery-local';

export type { GalleryAdapters, LocalGalleryOptions } from './gallery-local';

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
  /** Every AWS client's credentials (on Cloud Run: awsCredentialsFromGoogle); undefined: the SDK's default chain. */
  credentials?: AwsCredentialIdentityProvider;
  rekognition: { collectionId: string; minSimilarity: number } | null;
  /** With where and as whom erased users' data deletion jobs run. */
  personalize: (PersonalizeOptions & { deletion: PersonalizeDeletionOptions }) | null;
}

/** Replaces the local face work and/or recommender with Rekognition and/or Personalize, as configured. */
export function withAwsServices(base: GalleryAdapters, options: AwsGalleryOptions): GalleryAdapters {
  const adapters = { ...base };
  const aws = {
    region: options.region,
    ...(options.credentials ? { credentials: options.credentials } : {}),
  };
  if (options.rekognition) {
    const client = new RekognitionClient(aws);
    adapters.analyzer = new RekognitionFaceAnalyzer(client);
    adapters.faces = new RekognitionFaceIndex(client, options.rekognition);
  }
  if (options.personalize) {
    const { deletion, ...personalize } = options.personalize;
    adapters.recommender = new PersonalizeRecommender(
      new PersonalizeRuntimeClient(aws),
      new PersonalizeEventsClient(aws),
      personalize,
      new PersonalizeDataDeletion(new PersonalizeClient(aws), new S3Client(aws), deletion),
    );
  }
  return adapters;
}

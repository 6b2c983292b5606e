import { describe } from 'vitest';
import { faceAnalysisRepositoryContract } from '../../ports/contracts/face-analysis-repository.contract';
import { faceIndexContract } from '../../ports/contracts/face-index.contract';
import { galleryItemRepositoryContract } from '../../ports/contracts/gallery-item-repository.contract';
import { galleryLikeRepositoryContract } from '../../ports/contracts/gallery-like-repository.contract';
import { gallerySessionRepositoryContract } from '../../ports/contracts/gallery-session-repository.contract';
import { galleryUserRepositoryContract } from '../../ports/contracts/gallery-user-repository.contract';
import { cloudSuitesEnabled, firestoreForFile } from '../../testing/emulators';
import { FirestoreFaceAnalysisRepository } from './face-analysis-repository.firestore';
import { FirestoreFaceIndex } from './face-index.firestore';
import { FirestoreGalleryItemRepository } from './gallery-item-repository.firestore';
import { FirestoreGalleryLikeRepository } from './gallery-like-repository.firestore';
import { FirestoreGallerySessionRepository } from './gallery-session-repository.firestore';
import { FirestoreGalleryUserRepository } from './gallery-user-repository.firestore';

describe.skipIf(!cloudSuitesEnabled())('firestore emulator', () => {
  const firestore = firestoreForFile();
  const options = () => ({ collectionPrefix: firestore.collectionPrefix() });
  const teardown = async () => {};

  galleryUserRepositoryContract('firestore', async () => ({
    repo: new FirestoreGalleryUserRepository(firestore.db(), options()),
    teardown,
  }));
  gallerySessionRepositoryContract('firestore', async () => ({
    repo: new FirestoreGallerySessionRepository(firestore.db(), options()),
    teardown,
  }));
  galleryItemRepositoryContract('firestore', async () => ({
    repo: new FirestoreGalleryItemRepository(firestore.db(), options()),
    teardown,
  }));
  galleryLikeRepositoryContract('firestore', async () => ({
    repo: new FirestoreGalleryLikeRepository(firestore.db(), options()),
    teardown,
  }));
  faceAnalysisRepositoryContract('firestore', async () => ({
    repo: new FirestoreFaceAnalysisRepository(firestore.db(), options()),
    teardown,
  }));
  faceIndexContract('firestore', async () => ({
    index: new FirestoreFaceIndex(firestore.db(), 0.5, options()),
    teardown,
  }));
});

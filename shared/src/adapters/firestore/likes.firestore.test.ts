import { describe } from 'vitest';
import { likesInboxContract } from '../../ports/contracts/likes-inbox.contract';
import { likesPopularContract } from '../../ports/contracts/likes-popular.contract';
import { likesContract, type LikesFixture } from '../../ports/contracts/likes.contract';
import { cloudSuitesEnabled, firestoreForFile } from '../../testing/emulators';
import { FirestoreLikeRepository } from './like-repository.firestore';
import { FirestoreNotificationRepository } from './notification-repository.firestore';
import { FirestoreOutboxRepository } from './outbox.firestore';

describe.skipIf(!cloudSuitesEnabled())('firestore emulator', () => {
  const firestore = firestoreForFile();
  const setup = async (): Promise<LikesFixture> => {
    const options = { collectionPrefix: firestore.collectionPrefix() };
    const db = firestore.db();
    return {
      likes: new FirestoreLikeRepository(db, options),
      notifications: new FirestoreNotificationRepository(db, options),
      outbox: new FirestoreOutboxRepository(db, options),
      teardown: async () => {},
    };
  };

  likesContract('firestore', setup);
  likesInboxContract('firestore', setup);
  likesPopularContract('firestore', setup);
});

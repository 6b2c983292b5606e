import { describe } from 'vitest';
import { rateLimiterContract } from '../../ports/contracts/rate-limiter.contract';
import { cloudSuitesEnabled, firestoreForFile } from '../../testing/emulators';
import { FirestoreRateLimiter } from './rate-limiter.firestore';

describe.skipIf(!cloudSuitesEnabled())('firestore emulator', () => {
  const firestore = firestoreForFile();
  rateLimiterContract('firestore', async () => ({
    limiter: new FirestoreRateLimiter(firestore.db(), { collectionPrefix: firestore.collectionPrefix() }),
    teardown: async () => {},
  }));
});

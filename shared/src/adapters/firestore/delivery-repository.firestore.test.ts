import { describe } from 'vitest';
import { deliveryRepositoryContract } from '../../ports/contracts/delivery-repository.contract';
import { cloudSuitesEnabled, firestoreForFile } from '../../testing/emulators';
import { FirestoreDeliveryRepository } from './delivery-repository.firestore';

describe.skipIf(!cloudSuitesEnabled())('firestore emulator', () => {
  const firestore = firestoreForFile();
  deliveryRepositoryContract('firestore', async () => ({
    deliveries: new FirestoreDeliveryRepository(firestore.db(), {
      collectionPrefix: firestore.collectionPrefix(),
    }),
    teardown: async () => {},
  }));
});

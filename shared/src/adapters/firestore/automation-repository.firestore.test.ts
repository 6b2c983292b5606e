import { describe } from 'vitest';
import { automationRepositoryContract } from '../../ports/contracts/automation-repository.contract';
import { cloudSuitesEnabled, firestoreForFile } from '../../testing/emulators';
import { FirestoreAutomationRepository } from './automation-repository.firestore';

describe.skipIf(!cloudSuitesEnabled())('firestore emulator', () => {
  const firestore = firestoreForFile();
  automationRepositoryContract('firestore', async () => ({
    automation: new FirestoreAutomationRepository(firestore.db(), {
      collectionPrefix: `${firestore.collectionPrefix()}${Math.random().toString(36).slice(2, 8)}-`,
    }),
    teardown: async () => {},
  }));
});

import { describe } from 'vitest';
import { checkpointRepositoryContract } from '../../ports/contracts/checkpoint-repository.contract';
import { uploadIntentRepositoryContract } from '../../ports/contracts/upload-intent-repository.contract';
import { cloudSuitesEnabled, firestoreForFile } from '../../testing/emulators';
import { FirestoreCheckpointRepository } from './checkpoint-repository.firestore';
import { FirestoreUploadIntentRepository } from './upload-intent-repository.firestore';

describe.skipIf(!cloudSuitesEnabled())('firestore emulator', () => {
  const firestore = firestoreForFile();
  const options = () => ({ collectionPrefix: firestore.collectionPrefix() });

  uploadIntentRepositoryContract('firestore', async () => ({
    repo: new FirestoreUploadIntentRepository(firestore.db(), options()),
    teardown: async () => {},
  }));
  checkpointRepositoryContract('firestore', async () => ({
    repo: new FirestoreCheckpointRepository(firestore.db(), options()),
    teardown: async () => {},
  }));
});

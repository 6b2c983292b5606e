import { describe } from 'vitest';
import { paletteRepositoryContract } from '../../ports/contracts/palette-repository.contract';
import { cloudSuitesEnabled, firestoreForFile } from '../../testing/emulators';
import { FirestorePaletteRepository } from './palette-repository.firestore';

describe.skipIf(!cloudSuitesEnabled())('firestore emulator', () => {
  const firestore = firestoreForFile();

  paletteRepositoryContract('firestore', async () => ({
    repo: new FirestorePaletteRepository(firestore.db(), { collectionPrefix: firestore.collectionPrefix() }),
    teardown: async () => {},
  }));
});

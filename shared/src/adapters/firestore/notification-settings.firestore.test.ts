import { describe } from 'vitest';
import { notificationSettingsContract } from '../../ports/contracts/notification-settings.contract';
import { cloudSuitesEnabled, firestoreForFile } from '../../testing/emulators';
import { FirestoreNotificationSettingsRepository } from './notification-settings.firestore';

describe.skipIf(!cloudSuitesEnabled())('firestore emulator', () => {
  const firestore = firestoreForFile();
  notificationSettingsContract('firestore', async () => ({
    settings: new FirestoreNotificationSettingsRepository(firestore.db(), {
      collectionPrefix: firestore.collectionPrefix(),
    }),
    teardown: async () => {},
  }));
});

import { describe } from 'vitest';
import { auditLogContract } from '../../ports/contracts/audit-log.contract';
import { cloudSuitesEnabled, firestoreForFile } from '../../testing/emulators';
import { FirestoreAuditLog } from './audit-log.firestore';

describe.skipIf(!cloudSuitesEnabled())('firestore emulator', () => {
  const firestore = firestoreForFile();
  auditLogContract('firestore', async () => ({
    log: new FirestoreAuditLog(firestore.db(), { collectionPrefix: firestore.collectionPrefix() }),
    teardown: async () => {},
  }));
});

import { auditLogContract } from '../../ports/contracts/audit-log.contract';
import { SqliteAuditLog } from './audit-log.sqlite';
import { openDatabase } from './database';

auditLogContract('sqlite', async () => {
  const db = openDatabase(':memory:');
  return {
    log: new SqliteAuditLog(db),
    teardown: async () => {
      db.close();
    },
  };
});

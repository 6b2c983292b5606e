import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { notificationSettingsContract } from '../../ports/contracts/notification-settings.contract';
import { openDatabase } from './database';
import { SqliteNotificationSettingsRepository } from './notification-settings.sqlite';

notificationSettingsContract('sqlite', async () => {
  const dir = await mkdtemp(join(tmpdir(), 'settings-'));
  const db = openDatabase(join(dir, 'test.db'));
  const teardown = async () => {
    db.close();
    await rm(dir, { recursive: true, force: true });
  };
  return { settings: new SqliteNotificationSettingsRepository(db), teardown };
});

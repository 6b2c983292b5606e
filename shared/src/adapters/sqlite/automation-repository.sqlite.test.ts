import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { automationRepositoryContract } from '../../ports/contracts/automation-repository.contract';
import { SqliteAutomationRepository } from './automation-repository.sqlite';
import { openDatabase } from './database';

automationRepositoryContract('sqlite', async () => {
  const dir = await mkdtemp(join(tmpdir(), 'automation-'));
  const db = openDatabase(join(dir, 'test.db'));
  const teardown = async () => {
    db.close();
    await rm(dir, { recursive: true, force: true });
  };
  return { automation: new SqliteAutomationRepository(db), teardown };
});

import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { deadLetterRepositoryContract } from '../../ports/contracts/dead-letter-repository.contract';
import { openDatabase } from './database';
import { SqliteDeadLetterRepository } from './dead-letter-repository.sqlite';

deadLetterRepositoryContract('sqlite', async () => {
  const dir = await mkdtemp(join(tmpdir(), 'dead-letters-'));
  const db = openDatabase(join(dir, 'test.db'));
  const teardown = async () => {
    db.close();
    await rm(dir, { recursive: true, force: true });
  };
  return { repo: new SqliteDeadLetterRepository(db), teardown };
});

import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { checkpointRepositoryContract } from '../../ports/contracts/checkpoint-repository.contract';
import { uploadIntentRepositoryContract } from '../../ports/contracts/upload-intent-repository.contract';
import { SqliteCheckpointRepository } from './checkpoint-repository.sqlite';
import { openDatabase, type SqliteDatabase } from './database';
import { SqliteUploadIntentRepository } from './upload-intent-repository.sqlite';

async function open<T>(make: (db: SqliteDatabase) => T) {
  const dir = await mkdtemp(join(tmpdir(), 'uploads-'));
  const db = openDatabase(join(dir, 'test.db'));
  const teardown = async () => {
    db.close();
    await rm(dir, { recursive: true, force: true });
  };
  return { repo: make(db), teardown };
}

uploadIntentRepositoryContract('sqlite', () => open((db) => new SqliteUploadIntentRepository(db)));
checkpointRepositoryContract('sqlite', () => open((db) => new SqliteCheckpointRepository(db)));

import type { Checkpoint, CheckpointRepository } from '../../ports/checkpoint-repository.port';
import { checkpointRecord } from '../records/operations';
import { parsedOrNull } from '../records/stored';
import type { SqliteDatabase } from './database';
import { columns, insertInto, row } from './rows';

export class SqliteCheckpointRepository implements CheckpointRepository {
  private readonly q;

  constructor(db: SqliteDatabase) {
    this.q = {
      get: db.prepare(`SELECT ${columns(checkpointRecord)} FROM job_checkpoints WHERE name = ?`),
      save: db.prepare(
        `${insertInto('job_checkpoints', checkpointRecord)}
         ON CONFLICT (name) DO UPDATE SET cursor = excluded.cursor, processed = excluded.processed,
           done = excluded.done, updated_at = excluded.updated_at`,
      ),
      clear: db.prepare('DELETE FROM job_checkpoints WHERE name = ?'),
    };
  }

  async get(name: string): Promise<Checkpoint | null> {
    return parsedOrNull(checkpointRecord, this.q.get.get(name));
  }

  async save(checkpoint: Checkpoint): Promise<void> {
    this.q.save.run(row(checkpoint));
  }

  async clear(name: string): Promise<void> {
    this.q.clear.run(name);
  }
}

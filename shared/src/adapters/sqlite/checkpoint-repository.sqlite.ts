import { z } from 'zod';
import type { Checkpoint, CheckpointRepository } from '../../ports/checkpoint-repository.port';
import { date, ms, type SqliteDatabase } from './database';

const checkpointRow: z.ZodType<Checkpoint> = z.object({
  name: z.string(),
  cursor: z.string().nullable(),
  processed: z.number().int(),
  done: z
    .number()
    .int()
    .transform((n) => n === 1),
  updatedAt: z.number().int().transform(date),
});

export class SqliteCheckpointRepository implements CheckpointRepository {
  private readonly q;

  constructor(db: SqliteDatabase) {
    this.q = {
      get: db.prepare(
        'SELECT name, cursor, processed, done, updated_at AS updatedAt FROM job_checkpoints WHERE name = ?',
      ),
      save: db.prepare(
        `INSERT INTO job_checkpoints (name, cursor, processed, done, updated_at)
         VALUES (@name, @cursor, @processed, @done, @updatedAt)
         ON CONFLICT (name) DO UPDATE SET cursor = excluded.cursor, processed = excluded.processed,
           done = excluded.done, updated_at = excluded.updated_at`,
      ),
      clear: db.prepare('DELETE FROM job_checkpoints WHERE name = ?'),
    };
  }

  async get(name: string): Promise<Checkpoint | null> {
    const row = this.q.get.get(name);
    return row === undefined ? null : checkpointRow.parse(row);
  }

  async save(checkpoint: Checkpoint): Promise<void> {
    this.q.save.run({ ...checkpoint, done: checkpoint.done ? 1 : 0, updatedAt: ms(checkpoint.updatedAt) });
  }

  async clear(name: string): Promise<void> {
    this.q.clear.run(name);
  }
}

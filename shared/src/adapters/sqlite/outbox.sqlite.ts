import { z } from 'zod';
import type { OutboxEntry, OutboxRepository } from '../../ports/outbox.port';
import { date, ms, type SqliteDatabase } from './database';

const outboxRow = z.object({
  id: z.string(),
  topic: z.string(),
  data: z.instanceof(Buffer),
  attributes: z
    .string()
    .transform((json) => JSON.parse(json) as unknown)
    .pipe(z.record(z.string(), z.string())),
  orderingKey: z.string().nullable(),
  createdAt: z.number().int().transform(date),
});

function toEntry(row: unknown): OutboxEntry {
  const { data, attributes, orderingKey, ...rest } = outboxRow.parse(row);
  return {
    ...rest,
    message: orderingKey === null ? { data, attributes } : { data, attributes, orderingKey },
  };
}

/** The outbox in SQLite: rows are written by other repositories' transactions (see like-repository.sqlite.ts). */
export class SqliteOutboxRepository implements OutboxRepository {
  private readonly q;

  constructor(private readonly db: SqliteDatabase) {
    this.q = {
      pending: db.prepare(
        `SELECT id, topic, data, attributes, ordering_key AS orderingKey, created_at AS createdAt
           FROM outbox WHERE published_at IS NULL ORDER BY seq LIMIT ?`,
      ),
      mark: db.prepare('UPDATE outbox SET published_at = ? WHERE id = ? AND published_at IS NULL'),
      purge: db.prepare('DELETE FROM outbox WHERE published_at IS NOT NULL AND published_at < ?'),
    };
  }

  async pending(limit: number): Promise<OutboxEntry[]> {
    return this.q.pending.all(limit).map(toEntry);
  }

  async markPublished(ids: string[], at: Date): Promise<void> {
    this.db.transaction(() => {
      for (const id of ids) this.q.mark.run(ms(at), id);
    })();
  }

  async deletePublished(before: Date): Promise<number> {
    return this.q.purge.run(ms(before)).changes;
  }
}

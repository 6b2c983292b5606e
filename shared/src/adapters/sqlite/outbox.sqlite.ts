import type { OutboxEntry, OutboxRepository } from '../../ports/outbox.port';
import { outboxRecord, toOutboxEntry } from '../records/notifications';
import { ms, type SqliteDatabase } from './database';
import { columns } from './rows';

/** The outbox in SQLite: rows are written by other repositories' transactions (see like-repository.sqlite.ts). */
export class SqliteOutboxRepository implements OutboxRepository {
  private readonly q;

  constructor(private readonly db: SqliteDatabase) {
    this.q = {
      pending: db.prepare(
        `SELECT ${columns(outboxRecord)} FROM outbox WHERE published_at IS NULL ORDER BY seq LIMIT ?`,
      ),
      mark: db.prepare('UPDATE outbox SET published_at = ? WHERE id = ? AND published_at IS NULL'),
      purge: db.prepare('DELETE FROM outbox WHERE published_at IS NOT NULL AND published_at < ?'),
    };
  }

  async pending(limit: number): Promise<OutboxEntry[]> {
    return this.q.pending.all(limit).map(toOutboxEntry);
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

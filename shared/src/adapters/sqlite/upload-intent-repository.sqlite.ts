import type { UploadIntent, UploadStatus } from '../../domain/upload';
import type { Page } from '../../ports/common';
import type {
  CreateIntentResult,
  UploadIntentRepository,
  UploadQuota,
} from '../../ports/upload-intent-repository.port';
import { decodeIdCursor, decodeIntent, encodeIdCursor, indexedFields } from '../upload-intent.codec';
import { ms, type SqliteDatabase } from './database';
import { row } from './rows';

const rowOf = (intent: UploadIntent) => row({ intentId: intent.intentId, ...indexedFields(intent) });

const decodeRows = (rows: unknown[]): UploadIntent[] =>
  rows.map((r) => decodeIntent((r as { doc: string }).doc));

/** upload_intents: the intent as JSON in `doc`, and the columns the quota, stream, sweeper and backfill query. */
export class SqliteUploadIntentRepository implements UploadIntentRepository {
  private readonly q;

  constructor(private readonly db: SqliteDatabase) {
    this.q = {
      usage: db.prepare(
        `SELECT COALESCE(SUM(size), 0) AS bytes,
                COALESCE(SUM(CASE WHEN status = 'pending' AND expires_at > @now THEN 1 ELSE 0 END), 0) AS pending
         FROM upload_intents WHERE caller_key = @callerKey AND created_at >= @since`,
      ),
      insert: db.prepare(
        `INSERT INTO upload_intents (intent_id, caller_key, owner_visitor_id, status, size, created_at, expires_at,
           updated_at, revision, doc)
         VALUES (@intentId, @callerKey, @ownerVisitorId, @status, @size, @createdAt, @expiresAt, @updatedAt, @revision,
           @doc)`,
      ),
      get: db.prepare('SELECT doc FROM upload_intents WHERE intent_id = ?'),
      replace: db.prepare(
        `UPDATE upload_intents SET owner_visitor_id = @ownerVisitorId, status = @status, expires_at = @expiresAt,
           updated_at = @updatedAt, revision = @revision, doc = @doc
         WHERE intent_id = @intentId`,
      ),
      byOwner: db.prepare(
        `SELECT doc FROM upload_intents WHERE owner_visitor_id = ? AND updated_at > ?
         ORDER BY updated_at, intent_id LIMIT ?`,
      ),
      expiredPending: db.prepare(
        `SELECT doc FROM upload_intents WHERE status = 'pending' AND expires_at < ? ORDER BY expires_at LIMIT ?`,
      ),
      byStatus: db.prepare(
        'SELECT doc FROM upload_intents WHERE status = ? AND intent_id > ? ORDER BY intent_id LIMIT ?',
      ),
    };
  }

  async create(intent: UploadIntent, quota: UploadQuota): Promise<CreateIntentResult> {
    return this.db
      .transaction((): CreateIntentResult => {
        const usage = this.q.usage.get({
          callerKey: intent.callerKey,
          since: ms(quota.since),
          now: ms(quota.now),
        }) as {
          bytes: number;
          pending: number;
        };
        if (usage.pending + 1 > quota.maxPending || usage.bytes + intent.size > quota.maxBytes) {
          return { outcome: 'quota-exceeded', pending: usage.pending, bytes: usage.bytes };
        }
        this.q.insert.run(rowOf(intent));
        return { outcome: 'created', intent };
      })
      .immediate();
  }

  async get(intentId: string): Promise<UploadIntent | null> {
    const row = this.q.get.get(intentId) as { doc: string } | undefined;
    return row ? decodeIntent(row.doc) : null;
  }

  async update(
    intentId: string,
    change: (current: UploadIntent) => UploadIntent | null,
  ): Promise<UploadIntent | null> {
    return this.db
      .transaction((): UploadIntent | null => {
        const row = this.q.get.get(intentId) as { doc: string } | undefined;
        if (!row) return null;
        const current = decodeIntent(row.doc);
        const next = change(current);
        if (next === null) return current;
        const stored = { ...next, intentId, revision: current.revision + 1 };
        this.q.replace.run(rowOf(stored));
        return stored;
      })
      .immediate();
  }

  async listByOwner(ownerVisitorId: string, updatedAfter: Date, limit: number): Promise<UploadIntent[]> {
    return decodeRows(this.q.byOwner.all(ownerVisitorId, ms(updatedAfter), limit));
  }

  async listExpiredPending(before: Date, limit: number): Promise<UploadIntent[]> {
    return decodeRows(this.q.expiredPending.all(ms(before), limit));
  }

  async listByStatus(
    status: UploadStatus,
    page: { limit: number; after: string | null },
  ): Promise<Page<UploadIntent>> {
    const after = decodeIdCursor(page.after) ?? '';
    const items = decodeRows(this.q.byStatus.all(status, after, page.limit + 1));
    const kept = items.slice(0, page.limit);
    return { items: kept, next: items.length > page.limit ? encodeIdCursor(kept.at(-1)!.intentId) : null };
  }
}

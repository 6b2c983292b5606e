import type { ParticipantUpdate, UpdateBatch, UpdateFeed } from '../../ports/update-feed.port';
import { feedEntryRecord } from '../records/images';
import type { SqliteDatabase } from './database';
import { invalidCursor } from '../records/keyset-page';
import { columns, row } from './rows';

/**
 * A cursor is the feed's seq (AUTOINCREMENT: never reused, and in SQLite a later commit always has a larger one)
 * in one canonical spelling, so a client may compare its cursor with the marker as plain strings.
 */
const encodeSeq = (seq: number): string => Buffer.from(`u${seq}`).toString('base64url');

function decodeSeq(cursor: string): number {
  const match = /^u(0|[1-9][0-9]{0,15})$/.exec(Buffer.from(cursor, 'base64url').toString('utf8'));
  const seq = match ? Number(match[1]) : NaN;
  if (!Number.isSafeInteger(seq) || encodeSeq(seq) !== cursor) throw invalidCursor();
  return seq;
}

export class SqliteUpdateFeed implements UpdateFeed {
  private readonly q;

  constructor(db: SqliteDatabase) {
    this.q = {
      record: db.prepare(
        `INSERT INTO participant_updates (visitor_id, image_id, version, variant, updated_at)
         VALUES (@visitorId, @imageId, @version, @variant, @updatedAt)
         ON CONFLICT (visitor_id, image_id, version, variant) DO NOTHING`,
      ),
      // max() over the (visitor_id, seq) index: SQLite reads one index entry.
      marker: db.prepare('SELECT max(seq) FROM participant_updates WHERE visitor_id = ?').pluck(),
      since: db.prepare(
        `SELECT ${columns(feedEntryRecord)} FROM participant_updates
          WHERE visitor_id = ? AND seq > ? ORDER BY seq LIMIT ?`,
      ),
    };
  }

  /** A repeat keeps the first entry, its seq and its updatedAt: clients that saw it are not told again. */
  async record(update: ParticipantUpdate): Promise<void> {
    this.q.record.run(row(update));
  }

  async marker(visitorId: string): Promise<string | null> {
    const seq = this.q.marker.get(visitorId);
    return typeof seq === 'number' ? encodeSeq(seq) : null;
  }

  /** Throws `invalid cursor` when `cursor` is not one this feed handed out. */
  async since(visitorId: string, cursor: string | null, limit: number): Promise<UpdateBatch> {
    const after = cursor === null ? 0 : decodeSeq(cursor);
    const rows = this.q.since.all(visitorId, after, limit).map((r) => feedEntryRecord.parse(r));
    const last = rows.at(-1);
    return {
      updates: rows.map(({ seq: _, ...update }) => update),
      cursor: last === undefined ? cursor : encodeSeq(last.seq),
    };
  }
}

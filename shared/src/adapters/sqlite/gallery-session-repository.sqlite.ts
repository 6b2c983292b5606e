import { z } from 'zod';
import type { GallerySession, GallerySessionRepository } from '../../ports/gallery-session-repository.port';
import { date, ms, type SqliteDatabase } from './database';

const sessionRow = z.object({
  tokenHash: z.string(),
  userId: z.string(),
  createdAt: z.number().int().transform(date),
  expiresAt: z.number().int().transform(date),
});

export class SqliteGallerySessionRepository implements GallerySessionRepository {
  private readonly q;

  constructor(private readonly db: SqliteDatabase) {
    this.q = {
      insert: db.prepare(
        `INSERT INTO gallery_sessions (token_hash, user_id, created_at, expires_at)
         VALUES (@tokenHash, @userId, @createdAt, @expiresAt)`,
      ),
      find: db.prepare(
        `SELECT token_hash AS tokenHash, user_id AS userId, created_at AS createdAt, expires_at AS expiresAt
         FROM gallery_sessions WHERE token_hash = ? AND expires_at > ?`,
      ),
      bind: db.prepare(
        `INSERT INTO gallery_participants (visitor_id, user_id, bound_at) VALUES (?, ?, ?)
         ON CONFLICT (visitor_id) DO UPDATE SET user_id = excluded.user_id, bound_at = excluded.bound_at`,
      ),
      userOf: db.prepare('SELECT user_id FROM gallery_participants WHERE visitor_id = ?').pluck(),
      deleteSessions: db.prepare('DELETE FROM gallery_sessions WHERE user_id = ?'),
      deleteBindings: db.prepare('DELETE FROM gallery_participants WHERE user_id = ?'),
      deleteExpired: db.prepare('DELETE FROM gallery_sessions WHERE expires_at < ?'),
    };
  }

  async create(session: GallerySession): Promise<void> {
    this.q.insert.run({ ...session, createdAt: ms(session.createdAt), expiresAt: ms(session.expiresAt) });
  }

  async find(tokenHash: string, now: Date): Promise<GallerySession | null> {
    const row = this.q.find.get(tokenHash, ms(now));
    return row ? sessionRow.parse(row) : null;
  }

  async bindParticipant(visitorId: string, userId: string, now: Date): Promise<void> {
    this.q.bind.run(visitorId, userId, ms(now));
  }

  async userOfParticipant(visitorId: string): Promise<string | null> {
    return z
      .string()
      .nullable()
      .parse(this.q.userOf.get(visitorId) ?? null);
  }

  async deleteForUser(userId: string): Promise<number> {
    return this.db.transaction(
      () => this.q.deleteSessions.run(userId).changes + this.q.deleteBindings.run(userId).changes,
    )();
  }

  async deleteExpired(before: Date): Promise<number> {
    return this.q.deleteExpired.run(ms(before)).changes;
  }
}

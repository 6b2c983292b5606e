import { z } from 'zod';
import type { GallerySession, GallerySessionRepository } from '../../ports/gallery-session-repository.port';
import { gallerySessionRecord } from '../records/gallery';
import { parsedOrNull } from '../records/stored';
import { ms, type SqliteDatabase } from './database';
import { columns, insertInto, row } from './rows';

export class SqliteGallerySessionRepository implements GallerySessionRepository {
  private readonly q;

  constructor(private readonly db: SqliteDatabase) {
    this.q = {
      insert: db.prepare(insertInto('gallery_sessions', gallerySessionRecord)),
      find: db.prepare(
        `SELECT ${columns(gallerySessionRecord)} FROM gallery_sessions WHERE token_hash = ? AND expires_at > ?`,
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
    this.q.insert.run(row(session));
  }

  async find(tokenHash: string, now: Date): Promise<GallerySession | null> {
    return parsedOrNull(gallerySessionRecord, this.q.find.get(tokenHash, ms(now)));
  }

  async bindParticipant(visitorId: string, userId: string, now: Date): Promise<void> {
    this.q.bind.run(visitorId, userId, ms(now));
  }

  async userOfParticipant(visitorId: string): Promise<string | null> {
    return parsedOrNull(z.string(), this.q.userOf.get(visitorId));
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

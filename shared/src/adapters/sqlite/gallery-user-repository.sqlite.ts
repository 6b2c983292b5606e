import type { Expression, GalleryUser } from '../../domain/gallery';
import type { GalleryUserRepository } from '../../ports/gallery-user-repository.port';
import { galleryUserRecord } from '../records/gallery';
import { parsedOrNull } from '../records/stored';
import type { SqliteDatabase } from './database';
import { columns, insertInto, row } from './rows';

export class SqliteGalleryUserRepository implements GalleryUserRepository {
  private readonly q;

  constructor(db: SqliteDatabase) {
    this.q = {
      insert: db.prepare(
        `${insertInto('gallery_users', galleryUserRecord)} ON CONFLICT (user_id) DO NOTHING`,
      ),
      get: db.prepare(`SELECT ${columns(galleryUserRecord)} FROM gallery_users WHERE user_id = ?`),
      setExpression: db.prepare('UPDATE gallery_users SET expression = ?, updated_at = ? WHERE user_id = ?'),
      setFace: db.prepare('UPDATE gallery_users SET face_expires_at = ?, updated_at = ? WHERE user_id = ?'),
      expired: db
        .prepare(
          `SELECT user_id FROM gallery_users WHERE face_expires_at IS NOT NULL AND face_expires_at < ?
           ORDER BY face_expires_at LIMIT ?`,
        )
        .pluck(),
      delete: db.prepare('DELETE FROM gallery_users WHERE user_id = ?'),
    };
  }

  async create(user: GalleryUser): Promise<{ created: boolean; user: GalleryUser }> {
    const { changes } = this.q.insert.run(row(user));
    return { created: changes === 1, user: (await this.get(user.userId))! };
  }

  async get(userId: string): Promise<GalleryUser | null> {
    return parsedOrNull(galleryUserRecord, this.q.get.get(userId));
  }

  async setExpression(userId: string, expression: Expression, now: Date): Promise<boolean> {
    return this.q.setExpression.run(expression, now.getTime(), userId).changes === 1;
  }

  async setFaceExpiry(userId: string, faceExpiresAt: Date | null, now: Date): Promise<boolean> {
    return this.q.setFace.run(faceExpiresAt?.getTime() ?? null, now.getTime(), userId).changes === 1;
  }

  async withFaceExpiredBefore(before: Date, limit: number): Promise<string[]> {
    return this.q.expired.all(before.getTime(), limit) as string[];
  }

  async delete(userId: string): Promise<boolean> {
    return this.q.delete.run(userId).changes === 1;
  }
}

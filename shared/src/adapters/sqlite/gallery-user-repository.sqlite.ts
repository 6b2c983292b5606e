import { z } from 'zod';
import { expressionSchema, type Expression, type GalleryUser } from '../../domain/gallery';
import type { GalleryUserRepository } from '../../ports/gallery-user-repository.port';
import { date, dateOrNull, ms, type SqliteDatabase } from './database';

const userRow = z
  .object({
    userId: z.string(),
    expression: expressionSchema,
    faceExpiresAt: z.number().int().nullable().transform(dateOrNull),
    createdAt: z.number().int().transform(date),
    updatedAt: z.number().int().transform(date),
  })
  .transform((row): GalleryUser => row);

const SELECT = `SELECT user_id AS userId, expression, face_expires_at AS faceExpiresAt, created_at AS createdAt,
  updated_at AS updatedAt FROM gallery_users`;

export class SqliteGalleryUserRepository implements GalleryUserRepository {
  private readonly q;

  constructor(db: SqliteDatabase) {
    this.q = {
      insert: db.prepare(
        `INSERT INTO gallery_users (user_id, expression, face_expires_at, created_at, updated_at)
         VALUES (@userId, @expression, @faceExpiresAt, @createdAt, @updatedAt) ON CONFLICT (user_id) DO NOTHING`,
      ),
      get: db.prepare(`${SELECT} WHERE user_id = ?`),
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
    const { changes } = this.q.insert.run({
      ...user,
      faceExpiresAt: user.faceExpiresAt === null ? null : ms(user.faceExpiresAt),
      createdAt: ms(user.createdAt),
      updatedAt: ms(user.updatedAt),
    });
    return { created: changes === 1, user: (await this.get(user.userId))! };
  }

  async get(userId: string): Promise<GalleryUser | null> {
    const row = this.q.get.get(userId);
    return row ? userRow.parse(row) : null;
  }

  async setExpression(userId: string, expression: Expression, now: Date): Promise<boolean> {
    return this.q.setExpression.run(expression, ms(now), userId).changes === 1;
  }

  async setFaceExpiry(userId: string, faceExpiresAt: Date | null, now: Date): Promise<boolean> {
    return (
      this.q.setFace.run(faceExpiresAt === null ? null : ms(faceExpiresAt), ms(now), userId).changes === 1
    );
  }

  async withFaceExpiredBefore(before: Date, limit: number): Promise<string[]> {
    return this.q.expired.all(ms(before), limit) as string[];
  }

  async delete(userId: string): Promise<boolean> {
    return this.q.delete.run(userId).changes === 1;
  }
}

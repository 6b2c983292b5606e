import { z } from 'zod';
import { expressionSchema, type GalleryLike } from '../../domain/gallery';
import type { GalleryLikeRepository } from '../../ports/gallery-like-repository.port';
import { date, ms, type SqliteDatabase } from './database';

const likeRow = z
  .object({
    userId: z.string(),
    itemId: z.string(),
    expression: expressionSchema.nullable(),
    likedAt: z.number().int().transform(date),
  })
  .transform((row): GalleryLike => row);

export class SqliteGalleryLikeRepository implements GalleryLikeRepository {
  private readonly q;

  constructor(db: SqliteDatabase) {
    this.q = {
      insert: db.prepare(
        `INSERT INTO gallery_likes (user_id, item_id, expression, liked_at) VALUES (@userId, @itemId, @expression, @likedAt)
         ON CONFLICT (user_id, item_id) DO NOTHING`,
      ),
      likedBy: db
        .prepare('SELECT item_id FROM gallery_likes WHERE user_id = ? ORDER BY liked_at DESC, item_id')
        .pluck(),
      recent: db.prepare(
        `SELECT user_id AS userId, item_id AS itemId, expression, liked_at AS likedAt FROM gallery_likes
         ORDER BY liked_at DESC, user_id, item_id LIMIT ?`,
      ),
      deleteUser: db.prepare('DELETE FROM gallery_likes WHERE user_id = ?'),
    };
  }

  async record(like: GalleryLike): Promise<{ created: boolean }> {
    return { created: this.q.insert.run({ ...like, likedAt: ms(like.likedAt) }).changes === 1 };
  }

  async likedBy(userId: string): Promise<string[]> {
    return this.q.likedBy.all(userId) as string[];
  }

  async recent(limit: number): Promise<GalleryLike[]> {
    return this.q.recent.all(limit).map((row) => likeRow.parse(row));
  }

  async deleteUser(userId: string): Promise<number> {
    return this.q.deleteUser.run(userId).changes;
  }
}

import type { GalleryLike } from '../../domain/gallery';
import type { GalleryLikeRepository } from '../../ports/gallery-like-repository.port';
import { galleryLikeRecord } from '../records/gallery';
import type { SqliteDatabase } from './database';
import { columns, insertInto, row } from './rows';

export class SqliteGalleryLikeRepository implements GalleryLikeRepository {
  private readonly q;

  constructor(db: SqliteDatabase) {
    this.q = {
      insert: db.prepare(
        `${insertInto('gallery_likes', galleryLikeRecord)} ON CONFLICT (user_id, item_id) DO NOTHING`,
      ),
      likedBy: db
        .prepare('SELECT item_id FROM gallery_likes WHERE user_id = ? ORDER BY liked_at DESC, item_id')
        .pluck(),
      recent: db.prepare(
        `SELECT ${columns(galleryLikeRecord)} FROM gallery_likes ORDER BY liked_at DESC, user_id, item_id LIMIT ?`,
      ),
      deleteUser: db.prepare('DELETE FROM gallery_likes WHERE user_id = ?'),
    };
  }

  async record(like: GalleryLike): Promise<{ created: boolean }> {
    return { created: this.q.insert.run(row(like)).changes === 1 };
  }

  async likedBy(userId: string): Promise<string[]> {
    return this.q.likedBy.all(userId) as string[];
  }

  async recent(limit: number): Promise<GalleryLike[]> {
    return this.q.recent.all(limit).map((r) => galleryLikeRecord.parse(r));
  }

  async deleteUser(userId: string): Promise<number> {
    return this.q.deleteUser.run(userId).changes;
  }
}

import { z } from 'zod';
import type { GalleryItem } from '../../domain/gallery';
import type { GalleryItemRepository } from '../../ports/gallery-item-repository.port';
import { date, ms, type SqliteDatabase } from './database';

const itemRow = z
  .object({
    itemId: z.string(),
    objectKey: z.string(),
    generation: z.string(),
    ownerUserId: z.string().nullable(),
    createdAt: z.number().int().transform(date),
  })
  .transform((row): GalleryItem => row);

const SELECT = `SELECT item_id AS itemId, object_key AS objectKey, generation, owner_user_id AS ownerUserId,
  created_at AS createdAt FROM gallery_items`;

export class SqliteGalleryItemRepository implements GalleryItemRepository {
  private readonly q;

  constructor(db: SqliteDatabase) {
    this.q = {
      insert: db.prepare(
        `INSERT INTO gallery_items (item_id, object_key, generation, owner_user_id, created_at)
         VALUES (@itemId, @objectKey, @generation, @ownerUserId, @createdAt) ON CONFLICT (item_id) DO NOTHING`,
      ),
      get: db.prepare(`${SELECT} WHERE item_id = ?`),
      newest: db.prepare(`${SELECT} ORDER BY created_at DESC, item_id DESC LIMIT ?`),
      ownedBy: db
        .prepare('SELECT item_id FROM gallery_items WHERE owner_user_id = ? ORDER BY item_id')
        .pluck(),
      clearOwner: db.prepare('UPDATE gallery_items SET owner_user_id = NULL WHERE owner_user_id = ?'),
      page: db.prepare(`${SELECT} WHERE item_id > ? ORDER BY item_id LIMIT ?`),
    };
  }

  async add(item: GalleryItem): Promise<{ created: boolean; item: GalleryItem }> {
    const { changes } = this.q.insert.run({ ...item, createdAt: ms(item.createdAt) });
    return { created: changes === 1, item: (await this.get(item.itemId))! };
  }

  async get(itemId: string): Promise<GalleryItem | null> {
    const row = this.q.get.get(itemId);
    return row ? itemRow.parse(row) : null;
  }

  async newest(limit: number): Promise<GalleryItem[]> {
    return this.q.newest.all(limit).map((row) => itemRow.parse(row));
  }

  async ownedBy(userId: string): Promise<string[]> {
    return this.q.ownedBy.all(userId) as string[];
  }

  async clearOwner(userId: string): Promise<number> {
    return this.q.clearOwner.run(userId).changes;
  }

  async page(after: string | null, limit: number): Promise<{ items: GalleryItem[]; next: string | null }> {
    const items = this.q.page.all(after ?? '', limit).map((row) => itemRow.parse(row));
    return { items, next: items.length === limit ? items.at(-1)!.itemId : null };
  }
}

import type { GalleryItem } from '../../domain/gallery';
import type { GalleryItemRepository } from '../../ports/gallery-item-repository.port';
import { galleryItemRecord } from '../records/gallery';
import { parsedOrNull } from '../records/stored';
import type { SqliteDatabase } from './database';
import { columns, insertInto, row } from './rows';

const SELECT = `SELECT ${columns(galleryItemRecord)} FROM gallery_items`;

export class SqliteGalleryItemRepository implements GalleryItemRepository {
  private readonly q;

  constructor(db: SqliteDatabase) {
    this.q = {
      insert: db.prepare(
        `${insertInto('gallery_items', galleryItemRecord)} ON CONFLICT (item_id) DO NOTHING`,
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
    const { changes } = this.q.insert.run(row(item));
    return { created: changes === 1, item: (await this.get(item.itemId))! };
  }

  async get(itemId: string): Promise<GalleryItem | null> {
    return parsedOrNull(galleryItemRecord, this.q.get.get(itemId));
  }

  async newest(limit: number): Promise<GalleryItem[]> {
    return this.q.newest.all(limit).map((r) => galleryItemRecord.parse(r));
  }

  async ownedBy(userId: string): Promise<string[]> {
    return this.q.ownedBy.all(userId) as string[];
  }

  async clearOwner(userId: string): Promise<number> {
    return this.q.clearOwner.run(userId).changes;
  }

  async page(after: string | null, limit: number): Promise<{ items: GalleryItem[]; next: string | null }> {
    const items = this.q.page.all(after ?? '', limit).map((r) => galleryItemRecord.parse(r));
    return { items, next: items.length === limit ? items.at(-1)!.itemId : null };
  }
}

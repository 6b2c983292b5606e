import { FieldPath, type CollectionReference, type Firestore } from '@google-cloud/firestore';
import type { GalleryItem } from '../../domain/gallery';
import type { GalleryItemRepository } from '../../ports/gallery-item-repository.port';
import { galleryItemRecord } from '../records/gallery';
import { parsedOrNull } from '../records/stored';
import { collectionName, createdOnce, writeInBatches, type FirestoreAdapterOptions } from './documents';

/** galleryItems/{itemId}: the item id is the image id the image server stores it under (random-looking). */
export class FirestoreGalleryItemRepository implements GalleryItemRepository {
  private readonly items: CollectionReference;

  constructor(
    private readonly db: Firestore,
    options?: FirestoreAdapterOptions,
  ) {
    this.items = db.collection(collectionName(options, 'galleryItems'));
  }

  async add(item: GalleryItem): Promise<{ created: boolean; item: GalleryItem }> {
    if (await createdOnce(this.items.doc(item.itemId), item)) return { created: true, item };
    return { created: false, item: (await this.get(item.itemId))! };
  }

  async get(itemId: string): Promise<GalleryItem | null> {
    return parsedOrNull(galleryItemRecord, (await this.items.doc(itemId).get()).data());
  }

  async newest(limit: number): Promise<GalleryItem[]> {
    const { docs } = await this.items.orderBy('createdAt', 'desc').limit(limit).get();
    return docs.map((doc) => galleryItemRecord.parse(doc.data()));
  }

  async ownedBy(userId: string): Promise<string[]> {
    const { docs } = await this.items.where('ownerUserId', '==', userId).select().get();
    return docs.map((doc) => doc.id).sort();
  }

  async clearOwner(userId: string): Promise<number> {
    const { docs } = await this.items.where('ownerUserId', '==', userId).select().get();
    return writeInBatches(this.db, docs, (batch, doc) => batch.update(doc.ref, { ownerUserId: null }));
  }

  async page(after: string | null, limit: number): Promise<{ items: GalleryItem[]; next: string | null }> {
    let query = this.items.orderBy(FieldPath.documentId()).limit(limit);
    if (after !== null) query = query.startAfter(after);
    const items = (await query.get()).docs.map((doc) => galleryItemRecord.parse(doc.data()));
    return { items, next: items.length === limit ? items.at(-1)!.itemId : null };
  }
}

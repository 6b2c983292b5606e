import { FieldPath, type CollectionReference, type Firestore } from '@google-cloud/firestore';
import { z } from 'zod';
import type { GalleryItem } from '../../domain/gallery';
import type { GalleryItemRepository } from '../../ports/gallery-item-repository.port';
import {
  chunk,
  collectionName,
  isAlreadyExists,
  MAX_WRITES_PER_COMMIT,
  timestamp,
  toTimestamp,
  type FirestoreAdapterOptions,
} from './documents';

/** galleryItems/{itemId}: the item id is the image id the image server stores it under (random-looking). */
const itemDoc = z
  .object({
    itemId: z.string(),
    objectKey: z.string(),
    generation: z.string(),
    ownerUserId: z.string().nullable(),
    createdAt: timestamp,
  })
  .transform((doc): GalleryItem => doc);

export class FirestoreGalleryItemRepository implements GalleryItemRepository {
  private readonly items: CollectionReference;

  constructor(
    private readonly db: Firestore,
    options?: FirestoreAdapterOptions,
  ) {
    this.items = db.collection(collectionName(options, 'galleryItems'));
  }

  async add(item: GalleryItem): Promise<{ created: boolean; item: GalleryItem }> {
    const ref = this.items.doc(item.itemId);
    try {
      await ref.create({ ...item, createdAt: toTimestamp(item.createdAt) });
      return { created: true, item };
    } catch (error) {
      if (!isAlreadyExists(error)) throw error;
      return { created: false, item: itemDoc.parse((await ref.get()).data()) };
    }
  }

  async get(itemId: string): Promise<GalleryItem | null> {
    const snapshot = await this.items.doc(itemId).get();
    return snapshot.exists ? itemDoc.parse(snapshot.data()) : null;
  }

  async newest(limit: number): Promise<GalleryItem[]> {
    const { docs } = await this.items.orderBy('createdAt', 'desc').limit(limit).get();
    return docs.map((doc) => itemDoc.parse(doc.data()));
  }

  async ownedBy(userId: string): Promise<string[]> {
    const { docs } = await this.items.where('ownerUserId', '==', userId).select().get();
    return docs.map((doc) => doc.id).sort();
  }

  async clearOwner(userId: string): Promise<number> {
    const { docs } = await this.items.where('ownerUserId', '==', userId).select().get();
    for (const part of chunk(docs, MAX_WRITES_PER_COMMIT)) {
      const batch = this.db.batch();
      for (const doc of part) batch.update(doc.ref, { ownerUserId: null });
      await batch.commit();
    }
    return docs.length;
  }

  async page(after: string | null, limit: number): Promise<{ items: GalleryItem[]; next: string | null }> {
    let query = this.items.orderBy(FieldPath.documentId()).limit(limit);
    if (after !== null) query = query.startAfter(after);
    const items = (await query.get()).docs.map((doc) => itemDoc.parse(doc.data()));
    return { items, next: items.length === limit ? items.at(-1)!.itemId : null };
  }
}

import type { CollectionReference, Firestore } from '@google-cloud/firestore';
import { z } from 'zod';
import { expressionSchema, type GalleryLike } from '../../domain/gallery';
import type { GalleryLikeRepository } from '../../ports/gallery-like-repository.port';
import {
  chunk,
  collectionName,
  hashedId,
  isAlreadyExists,
  MAX_WRITES_PER_COMMIT,
  timestamp,
  toTimestamp,
  type FirestoreAdapterOptions,
} from './documents';

/** galleryLikes/{sha256(userId, itemId)}: one document per like, so create() makes a repeat a no-op. */
const likeDoc = z
  .object({
    userId: z.string(),
    itemId: z.string(),
    expression: expressionSchema.nullable(),
    likedAt: timestamp,
  })
  .transform((doc): GalleryLike => doc);

const newestFirst = (a: GalleryLike, b: GalleryLike): number =>
  b.likedAt.getTime() - a.likedAt.getTime() ||
  a.userId.localeCompare(b.userId) ||
  a.itemId.localeCompare(b.itemId);

export class FirestoreGalleryLikeRepository implements GalleryLikeRepository {
  private readonly likes: CollectionReference;

  constructor(
    private readonly db: Firestore,
    options?: FirestoreAdapterOptions,
  ) {
    this.likes = db.collection(collectionName(options, 'galleryLikes'));
  }

  async record(like: GalleryLike): Promise<{ created: boolean }> {
    try {
      await this.likes
        .doc(hashedId(like.userId, like.itemId))
        .create({ ...like, likedAt: toTimestamp(like.likedAt) });
      return { created: true };
    } catch (error) {
      if (isAlreadyExists(error)) return { created: false };
      throw error;
    }
  }

  /** One user's likes are few: sorted here, so the query needs no composite index. */
  async likedBy(userId: string): Promise<string[]> {
    const { docs } = await this.likes.where('userId', '==', userId).get();
    return docs
      .map((doc) => likeDoc.parse(doc.data()))
      .sort(newestFirst)
      .map((like) => like.itemId);
  }

  async recent(limit: number): Promise<GalleryLike[]> {
    const { docs } = await this.likes.orderBy('likedAt', 'desc').limit(limit).get();
    return docs.map((doc) => likeDoc.parse(doc.data())).sort(newestFirst);
  }

  async deleteUser(userId: string): Promise<number> {
    const { docs } = await this.likes.where('userId', '==', userId).select().get();
    for (const part of chunk(docs, MAX_WRITES_PER_COMMIT)) {
      const batch = this.db.batch();
      for (const doc of part) batch.delete(doc.ref);
      await batch.commit();
    }
    return docs.length;
  }
}

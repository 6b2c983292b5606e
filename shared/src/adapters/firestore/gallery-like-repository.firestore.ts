import type { CollectionReference, Firestore } from '@google-cloud/firestore';
import type { GalleryLike } from '../../domain/gallery';
import type { GalleryLikeRepository } from '../../ports/gallery-like-repository.port';
import { galleryLikeRecord } from '../records/gallery';
import {
  collectionName,
  createdOnce,
  hashedId,
  writeInBatches,
  type FirestoreAdapterOptions,
} from './documents';

const newestFirst = (a: GalleryLike, b: GalleryLike): number =>
  b.likedAt.getTime() - a.likedAt.getTime() ||
  a.userId.localeCompare(b.userId) ||
  a.itemId.localeCompare(b.itemId);

/** galleryLikes/{sha256(userId, itemId)}: one document per like, so create() makes a repeat a no-op. */
export class FirestoreGalleryLikeRepository implements GalleryLikeRepository {
  private readonly likes: CollectionReference;

  constructor(
    private readonly db: Firestore,
    options?: FirestoreAdapterOptions,
  ) {
    this.likes = db.collection(collectionName(options, 'galleryLikes'));
  }

  async record(like: GalleryLike): Promise<{ created: boolean }> {
    return { created: await createdOnce(this.likes.doc(hashedId(like.userId, like.itemId)), like) };
  }

  /** One user's likes are few: sorted here, so the query needs no composite index. */
  async likedBy(userId: string): Promise<string[]> {
    const { docs } = await this.likes.where('userId', '==', userId).get();
    return docs
      .map((doc) => galleryLikeRecord.parse(doc.data()))
      .sort(newestFirst)
      .map((like) => like.itemId);
  }

  async recent(limit: number): Promise<GalleryLike[]> {
    const { docs } = await this.likes.orderBy('likedAt', 'desc').limit(limit).get();
    return docs.map((doc) => galleryLikeRecord.parse(doc.data())).sort(newestFirst);
  }

  async deleteUser(userId: string): Promise<number> {
    const { docs } = await this.likes.where('userId', '==', userId).select().get();
    return writeInBatches(this.db, docs, (batch, doc) => batch.delete(doc.ref));
  }
}

import type { CollectionReference, Firestore } from '@google-cloud/firestore';
import type { Expression, GalleryUser } from '../../domain/gallery';
import type { GalleryUserRepository } from '../../ports/gallery-user-repository.port';
import { galleryUserRecord } from '../records/gallery';
import { parsedOrNull } from '../records/stored';
import { collectionName, createdOnce, updatedIfFound, type FirestoreAdapterOptions } from './documents';

/** galleryUsers/{userId}: the id is random, so documents spread evenly. */
export class FirestoreGalleryUserRepository implements GalleryUserRepository {
  private readonly users: CollectionReference;

  constructor(db: Firestore, options?: FirestoreAdapterOptions) {
    this.users = db.collection(collectionName(options, 'galleryUsers'));
  }

  /** create() fails when the id exists: the second create reads back and returns the first user. */
  async create(user: GalleryUser): Promise<{ created: boolean; user: GalleryUser }> {
    if (await createdOnce(this.users.doc(user.userId), user)) return { created: true, user };
    return { created: false, user: (await this.get(user.userId))! };
  }

  async get(userId: string): Promise<GalleryUser | null> {
    return parsedOrNull(galleryUserRecord, (await this.users.doc(userId).get()).data());
  }

  async setExpression(userId: string, expression: Expression, now: Date): Promise<boolean> {
    return updatedIfFound(this.users.doc(userId), { expression, updatedAt: now });
  }

  async setFaceExpiry(userId: string, faceExpiresAt: Date | null, now: Date): Promise<boolean> {
    return updatedIfFound(this.users.doc(userId), { faceExpiresAt, updatedAt: now });
  }

  async withFaceExpiredBefore(before: Date, limit: number): Promise<string[]> {
    const { docs } = await this.users
      .where('faceExpiresAt', '<', before)
      .orderBy('faceExpiresAt')
      .limit(limit)
      .select()
      .get();
    return docs.map((doc) => doc.id);
  }

  /** A transaction, so "was there a user" is answered by the same read that the delete commits with. */
  async delete(userId: string): Promise<boolean> {
    const ref = this.users.doc(userId);
    return this.users.firestore.runTransaction(async (tx) => {
      if (!(await tx.get(ref)).exists) return false;
      tx.delete(ref);
      return true;
    });
  }
}

import type { CollectionReference, Firestore } from '@google-cloud/firestore';
import { z } from 'zod';
import { expressionSchema, type Expression, type GalleryUser } from '../../domain/gallery';
import type { GalleryUserRepository } from '../../ports/gallery-user-repository.port';
import {
  collectionName,
  isAlreadyExists,
  isNotFound,
  timestamp,
  toTimestamp,
  toTimestampOrNull,
  type FirestoreAdapterOptions,
} from './documents';

/** galleryUsers/{userId}: the id is random, so documents spread evenly. */
const userDoc = z
  .object({
    userId: z.string(),
    expression: expressionSchema,
    /** A Timestamp or null: the expiry sweep queries it (nulls never match a range). */
    faceExpiresAt: timestamp.nullable(),
    createdAt: timestamp,
    updatedAt: timestamp,
  })
  .transform((doc): GalleryUser => doc);

export class FirestoreGalleryUserRepository implements GalleryUserRepository {
  private readonly users: CollectionReference;

  constructor(db: Firestore, options?: FirestoreAdapterOptions) {
    this.users = db.collection(collectionName(options, 'galleryUsers'));
  }

  /** create() fails when the id exists: the second create reads back and returns the first user. */
  async create(user: GalleryUser): Promise<{ created: boolean; user: GalleryUser }> {
    const ref = this.users.doc(user.userId);
    try {
      await ref.create({
        ...user,
        faceExpiresAt: toTimestampOrNull(user.faceExpiresAt),
        createdAt: toTimestamp(user.createdAt),
        updatedAt: toTimestamp(user.updatedAt),
      });
      return { created: true, user };
    } catch (error) {
      if (!isAlreadyExists(error)) throw error;
      return { created: false, user: userDoc.parse((await ref.get()).data()) };
    }
  }

  async get(userId: string): Promise<GalleryUser | null> {
    const snapshot = await this.users.doc(userId).get();
    return snapshot.exists ? userDoc.parse(snapshot.data()) : null;
  }

  async setExpression(userId: string, expression: Expression, now: Date): Promise<boolean> {
    return this.update(userId, { expression, updatedAt: toTimestamp(now) });
  }

  async setFaceExpiry(userId: string, faceExpiresAt: Date | null, now: Date): Promise<boolean> {
    return this.update(userId, {
      faceExpiresAt: toTimestampOrNull(faceExpiresAt),
      updatedAt: toTimestamp(now),
    });
  }

  async withFaceExpiredBefore(before: Date, limit: number): Promise<string[]> {
    const { docs } = await this.users
      .where('faceExpiresAt', '<', toTimestamp(before))
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

  /** update() fails on a missing document: that is the "no such user" answer. */
  private async update(userId: string, fields: Record<string, unknown>): Promise<boolean> {
    try {
      await this.users.doc(userId).update(fields);
      return true;
    } catch (error) {
      if (isNotFound(error)) return false;
      throw error;
    }
  }
}

import type { CollectionReference, Firestore, Query } from '@google-cloud/firestore';
import { z } from 'zod';
import type { GallerySession, GallerySessionRepository } from '../../ports/gallery-session-repository.port';
import {
  collectionName,
  MAX_WRITES_PER_COMMIT,
  timestamp,
  toTimestamp,
  type FirestoreAdapterOptions,
} from './documents';

/** gallerySessions/{tokenHash}: random ids spread evenly; a TTL policy on `expiresAt` removes expired ones. */
const sessionDoc = z.object({
  tokenHash: z.string(),
  userId: z.string(),
  createdAt: timestamp,
  expiresAt: timestamp,
});

/** galleryParticipants/{visitorId}: the gallery user a participant stands for. */
const bindingDoc = z.object({ userId: z.string() });

export class FirestoreGallerySessionRepository implements GallerySessionRepository {
  private readonly sessions: CollectionReference;
  private readonly bindings: CollectionReference;

  constructor(
    private readonly db: Firestore,
    options?: FirestoreAdapterOptions,
  ) {
    this.sessions = db.collection(collectionName(options, 'gallerySessions'));
    this.bindings = db.collection(collectionName(options, 'galleryParticipants'));
  }

  async create(session: GallerySession): Promise<void> {
    await this.sessions.doc(session.tokenHash).create({
      ...session,
      createdAt: toTimestamp(session.createdAt),
      expiresAt: toTimestamp(session.expiresAt),
    });
  }

  async find(tokenHash: string, now: Date): Promise<GallerySession | null> {
    const snapshot = await this.sessions.doc(tokenHash).get();
    if (!snapshot.exists) return null;
    const session = sessionDoc.parse(snapshot.data());
    return session.expiresAt.getTime() > now.getTime() ? session : null;
  }

  async bindParticipant(visitorId: string, userId: string, now: Date): Promise<void> {
    await this.bindings.doc(visitorId).set({ userId, boundAt: toTimestamp(now) });
  }

  async userOfParticipant(visitorId: string): Promise<string | null> {
    const snapshot = await this.bindings.doc(visitorId).get();
    return snapshot.exists ? bindingDoc.parse(snapshot.data()).userId : null;
  }

  async deleteForUser(userId: string): Promise<number> {
    return (
      (await this.deleteAll(this.sessions.where('userId', '==', userId))) +
      (await this.deleteAll(this.bindings.where('userId', '==', userId)))
    );
  }

  async deleteExpired(before: Date): Promise<number> {
    return this.deleteAll(this.sessions.where('expiresAt', '<', toTimestamp(before)));
  }

  /** Page by page, one commit each, until the query matches nothing. */
  private async deleteAll(query: Query): Promise<number> {
    const page = query.select().limit(MAX_WRITES_PER_COMMIT);
    let deleted = 0;
    for (;;) {
      const { docs } = await page.get();
      if (docs.length === 0) return deleted;
      const batch = this.db.batch();
      for (const doc of docs) batch.delete(doc.ref);
      await batch.commit();
      deleted += docs.length;
    }
  }
}

import type { CollectionReference, Firestore, Query } from '@google-cloud/firestore';
import { z } from 'zod';
import type { GallerySession, GallerySessionRepository } from '../../ports/gallery-session-repository.port';
import { gallerySessionRecord } from '../records/gallery';
import { parsedOrNull } from '../records/stored';
import {
  collectionName,
  MAX_WRITES_PER_COMMIT,
  writeInBatches,
  type FirestoreAdapterOptions,
} from './documents';

/** galleryParticipants/{visitorId}: the gallery user a participant stands for. */
const bindingDoc = z.object({ userId: z.string() });

/** gallerySessions/{tokenHash}: random ids spread evenly; a TTL policy on `expiresAt` removes expired ones. */
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
    await this.sessions.doc(session.tokenHash).create(session);
  }

  async find(tokenHash: string, now: Date): Promise<GallerySession | null> {
    const session = parsedOrNull(gallerySessionRecord, (await this.sessions.doc(tokenHash).get()).data());
    return session !== null && session.expiresAt.getTime() > now.getTime() ? session : null;
  }

  async bindParticipant(visitorId: string, userId: string, now: Date): Promise<void> {
    await this.bindings.doc(visitorId).set({ userId, boundAt: now });
  }

  async userOfParticipant(visitorId: string): Promise<string | null> {
    return parsedOrNull(bindingDoc, (await this.bindings.doc(visitorId).get()).data())?.userId ?? null;
  }

  async deleteForUser(userId: string): Promise<number> {
    return (
      (await this.deleteAll(this.sessions.where('userId', '==', userId))) +
      (await this.deleteAll(this.bindings.where('userId', '==', userId)))
    );
  }

  async deleteExpired(before: Date): Promise<number> {
    return this.deleteAll(this.sessions.where('expiresAt', '<', before));
  }

  /** Page by page, one commit each, until the query matches nothing. */
  private async deleteAll(query: Query): Promise<number> {
    const page = query.select().limit(MAX_WRITES_PER_COMMIT);
    let deleted = 0;
    for (;;) {
      const { docs } = await page.get();
      if (docs.length === 0) return deleted;
      deleted += await writeInBatches(this.db, docs, (batch, doc) => batch.delete(doc.ref));
    }
  }
}

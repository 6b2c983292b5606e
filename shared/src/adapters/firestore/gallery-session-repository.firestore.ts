import type { CollectionReference, Firestore } from '@google-cloud/firestore';
import { z } from 'zod';
import type { GallerySession, GallerySessionRepository } from '../../ports/gallery-session-repository.port';
import { gallerySessionRecord } from '../records/gallery';
import { parsedOrNull } from '../records/stored';
import { collectionName, deleteMatching, type FirestoreAdapterOptions } from './documents';

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
      (await deleteMatching(this.db, this.sessions.where('userId', '==', userId))) +
      (await deleteMatching(this.db, this.bindings.where('userId', '==', userId)))
    );
  }

  async deleteExpired(before: Date): Promise<number> {
    return deleteMatching(this.db, this.sessions.where('expiresAt', '<', before));
  }
}

import {
  FieldValue,
  type CollectionReference,
  type DocumentReference,
  type Firestore,
} from '@google-cloud/firestore';
import { z } from 'zod';
import type { FaceMatch, FaceProbe, StoredFaceIndex } from '../../ports/face-index.port';
import { requireDescriptor } from '../records/gallery';
import { instant } from '../records/stored';
import { collectionName, writeInBatches, type FirestoreAdapterOptions } from './documents';

const DISTANCE_FIELD = '__distance';

/** faceIndex/{auto id}: one document per indexed face; `descriptor` is a vector field with a flat vector index. */
const faceDoc = z.object({
  userId: z.string(),
  expiresAt: instant,
  [DISTANCE_FIELD]: z.number(),
});

/**
 * How many nearest faces one search reads. Expired faces are skipped after the vector query (the TTL policy on
 * `expiresAt` removes them within a day, the sweep at once), so a few extra candidates keep an expired near-twin
 * from hiding a live match; a pre-filter on expiresAt would need a composite vector index per deployment.
 */
const CANDIDATES = 10;

/**
 * Consented face descriptors in Firestore, searched with Firestore's nearest-neighbour vector query (Euclidean).
 * Needs a vector index on `descriptor` (dimension 128, flat): infra/ declares it, the emulator needs none.
 */
export class FirestoreFaceIndex implements StoredFaceIndex {
  readonly needs = 'descriptor' as const;
  private readonly faces: CollectionReference;

  constructor(
    private readonly db: Firestore,
    private readonly threshold: number,
    options?: FirestoreAdapterOptions,
  ) {
    this.faces = db.collection(collectionName(options, 'faceIndex'));
  }

  async index(entry: { userId: string; probe: FaceProbe; indexedAt: Date; expiresAt: Date }): Promise<void> {
    await this.faces.add({
      userId: entry.userId,
      descriptor: FieldValue.vector(requireDescriptor(entry.probe)),
      indexedAt: entry.indexedAt,
      expiresAt: entry.expiresAt,
    });
  }

  async search(probe: FaceProbe, now: Date): Promise<FaceMatch | null> {
    const snapshot = await this.faces
      .findNearest({
        vectorField: 'descriptor',
        queryVector: requireDescriptor(probe),
        limit: CANDIDATES,
        distanceMeasure: 'EUCLIDEAN',
        distanceThreshold: this.threshold,
        distanceResultField: DISTANCE_FIELD,
      })
      .get();
    for (const doc of snapshot.docs) {
      const face = faceDoc.parse(doc.data());
      const distance = face[DISTANCE_FIELD];
      if (face.expiresAt.getTime() > now.getTime() && distance < this.threshold)
        return { userId: face.userId, distance };
    }
    return null;
  }

  async deleteUser(userId: string): Promise<number> {
    const { docs } = await this.faces.where('userId', '==', userId).select().get();
    return this.deleteDocs(docs.map((doc) => doc.ref));
  }

  async deleteExpired(before: Date): Promise<number> {
    const { docs } = await this.faces.where('expiresAt', '<', before).select().get();
    return this.deleteDocs(docs.map((doc) => doc.ref));
  }

  async indexedUserIds(): Promise<string[]> {
    // Thousands of faces at most per event: one projection read, deduplicated here (Firestore has no DISTINCT).
    const { docs } = await this.faces.select('userId').get();
    return [...new Set(docs.map((doc) => String(doc.get('userId'))))].sort();
  }

  private async deleteDocs(refs: DocumentReference[]): Promise<number> {
    return writeInBatches(this.db, refs, (batch, ref) => batch.delete(ref));
  }
}

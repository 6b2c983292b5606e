import type { CollectionReference, Firestore, QuerySnapshot } from '@google-cloud/firestore';
import { z } from 'zod';
import { expressionSchema, type FaceAnalysis } from '../../domain/gallery';
import type { FaceAnalysisRepository } from '../../ports/face-analysis-repository.port';
import {
  chunk,
  collectionName,
  isNotFound,
  MAX_WRITES_PER_COMMIT,
  timestamp,
  toTimestamp,
  type FirestoreAdapterOptions,
} from './documents';

/** faceAnalyses/{analysisId}: random ids. A TTL policy on `expiresAt` deletes them in production. */
const analysisDoc = z
  .object({
    analysisId: z.string(),
    expression: expressionSchema,
    confidence: z.number(),
    box: z.object({ x: z.number(), y: z.number(), width: z.number(), height: z.number() }),
    descriptor: z.array(z.number()).nullable(),
    matchedUserId: z.string().nullable(),
    usedByUserId: z.string().nullable(),
    createdAt: timestamp,
    expiresAt: timestamp,
  })
  .transform((doc): FaceAnalysis => doc);

export class FirestoreFaceAnalysisRepository implements FaceAnalysisRepository {
  private readonly analyses: CollectionReference;

  constructor(
    private readonly db: Firestore,
    options?: FirestoreAdapterOptions,
  ) {
    this.analyses = db.collection(collectionName(options, 'faceAnalyses'));
  }

  async save(analysis: FaceAnalysis): Promise<void> {
    await this.analyses.doc(analysis.analysisId).create({
      ...analysis,
      createdAt: toTimestamp(analysis.createdAt),
      expiresAt: toTimestamp(analysis.expiresAt),
    });
  }

  async get(analysisId: string, now: Date): Promise<FaceAnalysis | null> {
    const snapshot = await this.analyses.doc(analysisId).get();
    if (!snapshot.exists) return null;
    const analysis = analysisDoc.parse(snapshot.data());
    return analysis.expiresAt.getTime() > now.getTime() ? analysis : null;
  }

  async markUsed(analysisId: string, userId: string): Promise<boolean> {
    try {
      await this.analyses.doc(analysisId).update({ usedByUserId: userId, descriptor: null });
      return true;
    } catch (error) {
      if (isNotFound(error)) return false;
      throw error;
    }
  }

  async deleteForUser(userId: string): Promise<number> {
    const [matched, used] = await Promise.all([
      this.analyses.where('matchedUserId', '==', userId).select().get(),
      this.analyses.where('usedByUserId', '==', userId).select().get(),
    ]);
    return this.deleteAll([matched, used]);
  }

  async deleteExpired(before: Date): Promise<number> {
    return this.deleteAll([await this.analyses.where('expiresAt', '<', toTimestamp(before)).select().get()]);
  }

  private async deleteAll(snapshots: QuerySnapshot[]): Promise<number> {
    const refs = new Map(snapshots.flatMap((s) => s.docs).map((doc) => [doc.id, doc.ref]));
    for (const part of chunk([...refs.values()], MAX_WRITES_PER_COMMIT)) {
      const batch = this.db.batch();
      for (const ref of part) batch.delete(ref);
      await batch.commit();
    }
    return refs.size;
  }
}

import type { CollectionReference, Firestore, QuerySnapshot } from '@google-cloud/firestore';
import type { FaceAnalysis } from '../../domain/gallery';
import type { FaceAnalysisRepository } from '../../ports/face-analysis-repository.port';
import { faceAnalysisRecord } from '../records/gallery';
import { parsedOrNull } from '../records/stored';
import { collectionName, updatedIfFound, writeInBatches, type FirestoreAdapterOptions } from './documents';

/** faceAnalyses/{analysisId}: random ids. A TTL policy on `expiresAt` deletes them in production. */
export class FirestoreFaceAnalysisRepository implements FaceAnalysisRepository {
  private readonly analyses: CollectionReference;

  constructor(
    private readonly db: Firestore,
    options?: FirestoreAdapterOptions,
  ) {
    this.analyses = db.collection(collectionName(options, 'faceAnalyses'));
  }

  async save(analysis: FaceAnalysis): Promise<void> {
    await this.analyses.doc(analysis.analysisId).create(analysis);
  }

  async get(analysisId: string, now: Date): Promise<FaceAnalysis | null> {
    const analysis = parsedOrNull(faceAnalysisRecord, (await this.analyses.doc(analysisId).get()).data());
    return analysis !== null && analysis.expiresAt.getTime() > now.getTime() ? analysis : null;
  }

  async markUsed(analysisId: string, userId: string): Promise<boolean> {
    return updatedIfFound(this.analyses.doc(analysisId), { usedByUserId: userId, descriptor: null });
  }

  async deleteForUser(userId: string): Promise<number> {
    const [matched, used] = await Promise.all([
      this.analyses.where('matchedUserId', '==', userId).select().get(),
      this.analyses.where('usedByUserId', '==', userId).select().get(),
    ]);
    return this.deleteAll([matched, used]);
  }

  async deleteExpired(before: Date): Promise<number> {
    return this.deleteAll([await this.analyses.where('expiresAt', '<', before).select().get()]);
  }

  private async deleteAll(snapshots: QuerySnapshot[]): Promise<number> {
    const refs = new Map(snapshots.flatMap((s) => s.docs).map((doc) => [doc.id, doc.ref]));
    return writeInBatches(this.db, [...refs.values()], (batch, ref) => batch.delete(ref));
  }
}

import { FieldPath, type CollectionReference, type Firestore, type Query } from '@google-cloud/firestore';
import { z } from 'zod';
import type { UploadIntent, UploadStatus } from '../../domain/upload';
import type { Page } from '../../ports/common';
import type {
  CreateIntentResult,
  UploadIntentRepository,
  UploadQuota,
} from '../../ports/upload-intent-repository.port';
import { decodeIdCursor, decodeIntent, encodeIdCursor, indexedFields } from '../upload-intent.codec';
import { instant } from '../records/stored';
import { collectionName, type FirestoreAdapterOptions } from './documents';

/**
 * uploadIntents/{intentId}: the intent as JSON in `doc` (exempt from indexing, infra/firestore.indexes.json), and the
 * fields the queries filter on. Composite indexes: (callerKey, createdAt) for the quota, (ownerVisitorId, updatedAt)
 * for a participant's stream, (status, expiresAt) for the sweeper; the backfill's (status, __name__) needs none.
 */
const docSchema = z.object({ doc: z.string() });
const usageSchema = z.object({ size: z.number(), status: z.string(), expiresAt: instant });

const toIntent = (data: unknown): UploadIntent => decodeIntent(docSchema.parse(data).doc);

export class FirestoreUploadIntentRepository implements UploadIntentRepository {
  private readonly intents: CollectionReference;

  constructor(
    private readonly db: Firestore,
    options?: FirestoreAdapterOptions,
  ) {
    this.intents = db.collection(collectionName(options, 'uploadIntents'));
  }

  /** The caller's recent intents are read inside the transaction, so a concurrent create makes one of them retry. */
  async create(intent: UploadIntent, quota: UploadQuota): Promise<CreateIntentResult> {
    const recent = this.intents
      .where('callerKey', '==', intent.callerKey)
      .where('createdAt', '>=', quota.since);
    return this.db.runTransaction(async (tx) => {
      const { docs } = await tx.get(recent);
      let bytes = 0;
      let pending = 0;
      for (const d of docs) {
        const usage = usageSchema.parse(d.data());
        bytes += usage.size;
        if (usage.status === 'pending' && usage.expiresAt > quota.now) pending++;
      }
      if (pending + 1 > quota.maxPending || bytes + intent.size > quota.maxBytes) {
        return { outcome: 'quota-exceeded', pending, bytes };
      }
      tx.create(this.intents.doc(intent.intentId), indexedFields(intent));
      return { outcome: 'created', intent };
    });
  }

  async get(intentId: string): Promise<UploadIntent | null> {
    const snapshot = await this.intents.doc(intentId).get();
    return snapshot.exists ? toIntent(snapshot.data()) : null;
  }

  async update(
    intentId: string,
    change: (current: UploadIntent) => UploadIntent | null,
  ): Promise<UploadIntent | null> {
    const ref = this.intents.doc(intentId);
    return this.db.runTransaction(async (tx) => {
      const snapshot = await tx.get(ref);
      if (!snapshot.exists) return null;
      const current = toIntent(snapshot.data());
      const next = change(current);
      if (next === null) return current;
      const stored = { ...next, intentId, revision: current.revision + 1 };
      tx.set(ref, indexedFields(stored));
      return stored;
    });
  }

  async listByOwner(ownerVisitorId: string, updatedAfter: Date, limit: number): Promise<UploadIntent[]> {
    return this.read(
      this.intents
        .where('ownerVisitorId', '==', ownerVisitorId)
        .where('updatedAt', '>', updatedAfter)
        .orderBy('updatedAt')
        .limit(limit),
    );
  }

  async listExpiredPending(before: Date, limit: number): Promise<UploadIntent[]> {
    return this.read(
      this.intents
        .where('status', '==', 'pending')
        .where('expiresAt', '<', before)
        .orderBy('expiresAt')
        .limit(limit),
    );
  }

  async listByStatus(
    status: UploadStatus,
    page: { limit: number; after: string | null },
  ): Promise<Page<UploadIntent>> {
    const after = decodeIdCursor(page.after);
    let query = this.intents.where('status', '==', status).orderBy(FieldPath.documentId());
    if (after) query = query.startAfter(after);
    const items = await this.read(query.limit(page.limit + 1));
    const kept = items.slice(0, page.limit);
    return { items: kept, next: items.length > page.limit ? encodeIdCursor(kept.at(-1)!.intentId) : null };
  }

  private async read(query: Query): Promise<UploadIntent[]> {
    const { docs } = await query.get();
    return docs.map((d) => toIntent(d.data()));
  }
}

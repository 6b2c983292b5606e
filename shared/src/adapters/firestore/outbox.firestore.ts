import { FieldPath, Timestamp, type Firestore } from '@google-cloud/firestore';
import { z } from 'zod';
import type { OutboxEntry, OutboxRepository } from '../../ports/outbox.port';
import {
  bytes,
  chunk,
  MAX_WRITES_PER_COMMIT,
  timestamp,
  toTimestamp,
  type FirestoreAdapterOptions,
} from './documents';
import { likeCollections, type LikeCollections } from './notification-documents';

const outboxDoc = z.object({
  id: z.string(),
  topic: z.string(),
  data: bytes,
  attributes: z
    .string()
    .transform((json) => JSON.parse(json) as unknown)
    .pipe(z.record(z.string(), z.string())),
  orderingKey: z.string().nullable(),
  createdAt: timestamp,
});

function toEntry(data: unknown): OutboxEntry {
  const { data: body, attributes, orderingKey, ...rest } = outboxDoc.parse(data);
  const message = orderingKey === null ? { data: body, attributes } : { data: body, attributes, orderingKey };
  return { ...rest, message };
}

/**
 * The outbox in Firestore (outbox/{id}, written by the like repository's transactions). `pending` needs the
 * composite index (publishedAt, createdAt, __name__).
 */
export class FirestoreOutboxRepository implements OutboxRepository {
  private readonly c: LikeCollections;

  constructor(
    private readonly db: Firestore,
    options?: FirestoreAdapterOptions,
  ) {
    this.c = likeCollections(db, options);
  }

  async pending(limit: number): Promise<OutboxEntry[]> {
    const { docs } = await this.c.outbox
      .where('publishedAt', '==', null)
      .orderBy('createdAt')
      .orderBy(FieldPath.documentId())
      .limit(limit)
      .get();
    return docs.map((doc) => toEntry(doc.data()));
  }

  /** Each entry keeps the first publishedAt: a second relay publishing the same entry does not move it. */
  async markPublished(ids: string[], at: Date): Promise<void> {
    await Promise.all(
      ids.map((id) =>
        this.db.runTransaction(async (tx) => {
          const ref = this.c.outbox.doc(id);
          const snapshot = await tx.get(ref);
          if (snapshot.exists && snapshot.get('publishedAt') === null)
            tx.update(ref, { publishedAt: toTimestamp(at) });
        }),
      ),
    );
  }

  async deletePublished(before: Date): Promise<number> {
    const { docs } = await this.c.outbox.where('publishedAt', '<', Timestamp.fromDate(before)).get();
    for (const part of chunk(docs, MAX_WRITES_PER_COMMIT)) {
      const batch = this.db.batch();
      for (const doc of part) batch.delete(doc.ref);
      await batch.commit();
    }
    return docs.length;
  }
}

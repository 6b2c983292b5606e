import { FieldPath, type Firestore } from '@google-cloud/firestore';
import type { OutboxEntry, OutboxRepository } from '../../ports/outbox.port';
import { toOutboxEntry } from '../records/notifications';
import { writeInBatches, type FirestoreAdapterOptions } from './documents';
import { likeCollections, type LikeCollections } from './notification-documents';

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
    return docs.map((doc) => toOutboxEntry(doc.data()));
  }

  /** Each entry keeps the first publishedAt: a second relay publishing the same entry does not move it. */
  async markPublished(ids: string[], at: Date): Promise<void> {
    await Promise.all(
      ids.map((id) =>
        this.db.runTransaction(async (tx) => {
          const ref = this.c.outbox.doc(id);
          const snapshot = await tx.get(ref);
          if (snapshot.exists && snapshot.get('publishedAt') === null) tx.update(ref, { publishedAt: at });
        }),
      ),
    );
  }

  async deletePublished(before: Date): Promise<number> {
    const { docs } = await this.c.outbox.where('publishedAt', '<', before).get();
    return writeInBatches(this.db, docs, (batch, doc) => batch.delete(doc.ref));
  }
}

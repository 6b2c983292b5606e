import type { CollectionReference, Firestore } from '@google-cloud/firestore';
import {
  type Delivery,
  type DeliveryChannel,
  type DeliveryRepository,
  type FinalState,
} from '../../ports/delivery-repository.port';
import { deliveryRecord, newDelivery, type ScheduleInput } from '../records/notifications';
import { parsedOrNull } from '../records/stored';
import { collectionName, createdOnce, type FirestoreAdapterOptions } from './documents';

const toDelivery = (data: unknown): Delivery => deliveryRecord.parse(data);
const byDue = (a: Delivery, b: Delivery) => a.dueAt.getTime() - b.dueAt.getTime() || a.id.localeCompare(b.id);

/** Dispatchers racing for the same due deliveries contend on them; let their transactions retry. */
const CLAIM_ATTEMPTS = 20;

/**
 * The delivery log in Firestore: notificationDeliveries/{notificationId}:{channel}, the document id being the
 * idempotency key. A claim is a transaction that reads the due documents and marks them: a second dispatcher's
 * transaction over the same documents conflicts and retries, finding them claimed. Composite indexes:
 * (state, dueAt), (state, leaseExpiresAt), (recipientVisitorId, channel, state, settledAt), (notificationId, state).
 */
export class FirestoreDeliveryRepository implements DeliveryRepository {
  private readonly deliveries: CollectionReference;

  constructor(
    private readonly db: Firestore,
    options?: FirestoreAdapterOptions,
  ) {
    this.deliveries = db.collection(collectionName(options, 'notificationDeliveries'));
  }

  async schedule(input: ScheduleInput) {
    const delivery = newDelivery(input);
    if (await createdOnce(this.deliveries.doc(delivery.id), delivery))
      return { outcome: 'created' as const, delivery };
    return { outcome: 'exists' as const, delivery: (await this.get(delivery.id))! };
  }

  async claimDue(now: Date, limit: number, leaseMs: number): Promise<Delivery[]> {
    const until = new Date(now.getTime() + leaseMs);
    return this.db.runTransaction(
      async (tx) => {
        const [due, expired] = await Promise.all([
          tx.get(
            this.deliveries
              .where('state', '==', 'pending')
              .where('dueAt', '<=', now)
              .orderBy('dueAt')
              .limit(limit),
          ),
          tx.get(
            this.deliveries.where('state', '==', 'sending').where('leaseExpiresAt', '<=', now).limit(limit),
          ),
        ]);
        const claimed = [...due.docs, ...expired.docs]
          .map((doc) => toDelivery(doc.data()))
          .sort(byDue)
          .slice(0, limit);
        return claimed.map((d) => {
          const claim = { state: 'sending' as const, attempts: d.attempts + 1, leaseExpiresAt: until };
          tx.update(this.deliveries.doc(d.id), claim);
          return { ...d, ...claim };
        });
      },
      { maxAttempts: CLAIM_ATTEMPTS },
    );
  }

  async settle(
    id: string,
    attempt: number,
    state: FinalState,
    reason: string | null,
    now: Date,
  ): Promise<boolean> {
    return this.updateClaim(id, attempt, {
      state,
      lastError: reason,
      settledAt: now,
      leaseExpiresAt: null,
    });
  }

  async retryAt(id: string, attempt: number, dueAt: Date, reason: string, _now: Date): Promise<boolean> {
    return this.updateClaim(id, attempt, {
      state: 'pending',
      dueAt,
      lastError: reason,
      leaseExpiresAt: null,
    });
  }

  async cancelPending(notificationId: string, reason: string, now: Date): Promise<number> {
    return this.db.runTransaction(async (tx) => {
      const { docs } = await tx.get(
        this.deliveries.where('notificationId', '==', notificationId).where('state', '==', 'pending'),
      );
      for (const doc of docs) tx.update(doc.ref, { state: 'cancelled', lastError: reason, settledAt: now });
      return docs.length;
    });
  }

  async countSent(recipientVisitorId: string, channel: DeliveryChannel, since: Date): Promise<number> {
    const snapshot = await this.deliveries
      .where('recipientVisitorId', '==', recipientVisitorId)
      .where('channel', '==', channel)
      .where('state', '==', 'sent')
      .where('settledAt', '>=', since)
      .count()
      .get();
    return snapshot.data().count;
  }

  async get(id: string): Promise<Delivery | null> {
    return parsedOrNull(deliveryRecord, (await this.deliveries.doc(id).get()).data());
  }

  async listForNotification(notificationId: string): Promise<Delivery[]> {
    const { docs } = await this.deliveries.where('notificationId', '==', notificationId).get();
    return docs
      .map((doc) => toDelivery(doc.data()))
      .sort((a, b) => a.createdAt.getTime() - b.createdAt.getTime() || a.id.localeCompare(b.id));
  }

  /** Applies `changes` only while the delivery is still held by the claim numbered `attempt`. */
  private async updateClaim(id: string, attempt: number, changes: Record<string, unknown>): Promise<boolean> {
    const ref = this.deliveries.doc(id);
    return this.db.runTransaction(async (tx) => {
      const snapshot = await tx.get(ref);
      if (!snapshot.exists || snapshot.get('state') !== 'sending' || snapshot.get('attempts') !== attempt)
        return false;
      tx.update(ref, changes);
      return true;
    });
  }
}

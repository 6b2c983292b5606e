import type { CollectionReference, Firestore } from '@google-cloud/firestore';
import { z } from 'zod';
import { windowOf, type RateLimitDecision, type RateLimiter } from '../../ports/rate-limiter.port';
import { collectionName, hashedId, type FirestoreAdapterOptions } from './documents';

const counterDoc = z.object({ count: z.number().int() });

/**
 * rateLimits/{sha256(key, window)}: one document per key and fixed window, counted in a transaction (so concurrent
 * hits of one key are serialised; one caller's key stays far below Firestore's one write per second per document
 * that matters only for hot keys). A TTL policy on `expiresAt` removes past windows.
 */
export class FirestoreRateLimiter implements RateLimiter {
  private readonly counters: CollectionReference;

  constructor(
    private readonly db: Firestore,
    options?: FirestoreAdapterOptions,
  ) {
    this.counters = db.collection(collectionName(options, 'rateLimits'));
  }

  async hit(key: string, limit: number, windowSeconds: number, now: Date): Promise<RateLimitDecision> {
    const { start, end } = windowOf(now, windowSeconds);
    const ref = this.counters.doc(hashedId(key, String(start)));
    const count = await this.db.runTransaction(async (tx) => {
      const snapshot = await tx.get(ref);
      const next = snapshot.exists ? counterDoc.parse(snapshot.data()).count + 1 : 1;
      tx.set(ref, { count: next, expiresAt: new Date(end) });
      return next;
    });
    return { allowed: count <= limit, remaining: Math.max(0, limit - count), resetAt: new Date(end) };
  }
}

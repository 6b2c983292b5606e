import type { CollectionReference, Firestore } from '@google-cloud/firestore';
import { z } from 'zod';
import { imageVariantSchema } from '../../domain/image';
import type {
  ConsumeResult,
  OneTimeGrant,
  OneTimeTokenRepository,
} from '../../ports/one-time-token-repository.port';
import {
  collectionName,
  MAX_WRITES_PER_COMMIT,
  timestamp,
  toTimestamp,
  type FirestoreAdapterOptions,
} from './documents';

/** oneTimeTokens/{tokenHash}: the hash is random, so ids spread evenly, and create() makes a clash fail. */
const tokenDoc = z.object({
  tokenHash: z.string(),
  imageId: z.string(),
  version: z.number().int(),
  variant: imageVariantSchema,
  createdAt: timestamp,
  /** A Timestamp, so the TTL policy infra declares on this field deletes expired grants. */
  expiresAt: timestamp,
  usedAt: timestamp.nullable(),
});

/** The answer for a token as it stands at `now`; a used token stays 'used' once it has also expired. */
function answer(data: unknown, now: Date): ConsumeResult {
  if (data === undefined) return { outcome: 'unknown' };
  const { usedAt, ...grant } = tokenDoc.parse(data);
  if (usedAt !== null) return { outcome: 'used' };
  if (grant.expiresAt.getTime() <= now.getTime()) return { outcome: 'expired' };
  return { outcome: 'granted', grant };
}

/**
 * Single-use grants in Firestore. In production a TTL policy on `expiresAt` removes expired grants (within a day
 * of expiry; until then they answer 'expired'); deleteExpired does the same on demand, for parity with the
 * embedded sweeper.
 */
export class FirestoreOneTimeTokenRepository implements OneTimeTokenRepository {
  private readonly tokens: CollectionReference;

  constructor(
    private readonly db: Firestore,
    options?: FirestoreAdapterOptions,
  ) {
    this.tokens = db.collection(collectionName(options, 'oneTimeTokens'));
  }

  async create(grant: OneTimeGrant): Promise<void> {
    await this.tokens.doc(grant.tokenHash).create({
      ...grant,
      createdAt: toTimestamp(grant.createdAt),
      expiresAt: toTimestamp(grant.expiresAt),
      usedAt: null,
    });
  }

  /**
   * A transaction: the read and the write of usedAt commit together or the attempt is retried, so of any number
   * of concurrent consumers exactly one sees the grant unused and marks it; the others re-read it as used.
   */
  async consume(tokenHash: string, now: Date): Promise<ConsumeResult> {
    const ref = this.tokens.doc(tokenHash);
    return this.db.runTransaction(async (tx) => {
      const result = answer((await tx.get(ref)).data(), now);
      if (result.outcome === 'granted') tx.update(ref, { usedAt: toTimestamp(now) });
      return result;
    });
  }

  async peek(tokenHash: string, now: Date): Promise<ConsumeResult> {
    return answer((await this.tokens.doc(tokenHash).get()).data(), now);
  }

  /** Deletes page by page (one commit each) until nothing expired before `before` is left; one sweeper at a time,
   * or a grant deleted by two is counted by both. */
  async deleteExpired(before: Date): Promise<number> {
    const expired = this.tokens
      .where('expiresAt', '<', toTimestamp(before))
      .select()
      .limit(MAX_WRITES_PER_COMMIT);
    let deleted = 0;
    for (;;) {
      const { docs } = await expired.get();
      if (docs.length === 0) return deleted;
      const batch = this.db.batch();
      for (const doc of docs) batch.delete(doc.ref);
      await batch.commit();
      deleted += docs.length;
    }
  }
}

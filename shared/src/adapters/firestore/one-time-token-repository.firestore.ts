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

/** Reads and conditional writes of one consume: a grant is written once, so the second read finds it used. */
const MAX_CONSUME_ATTEMPTS = 5;

/** FAILED_PRECONDITION (9): the document changed since it was read; NOT_FOUND (5): it was removed (expired). */
const isPreconditionFailure = (err: unknown): boolean =>
  [9, 5].includes((err as { code?: number } | null)?.code ?? 0);

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
   * Optimistic: the grant is read, and usedAt written on condition that the document is still the version read
   * (`lastUpdateTime`). Of any number of concurrent consumers exactly one write meets its condition; the others fail
   * it and read the grant again, now used. A transaction would do the same with locks, and under a crowd of
   * consumers of one token its retries run out (ABORTED) before the losers learn they lost.
   */
  async consume(tokenHash: string, now: Date): Promise<ConsumeResult> {
    const ref = this.tokens.doc(tokenHash);
    for (let attempt = 1; ; attempt++) {
      const snapshot = await ref.get();
      const result = answer(snapshot.data(), now);
      if (result.outcome !== 'granted') return result;
      try {
        await ref.update({ usedAt: toTimestamp(now) }, { lastUpdateTime: snapshot.updateTime! });
        return result;
      } catch (err) {
        // Someone else's write came first, or the grant is gone: read again to say which.
        if (!isPreconditionFailure(err) || attempt >= MAX_CONSUME_ATTEMPTS) throw err;
      }
    }
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

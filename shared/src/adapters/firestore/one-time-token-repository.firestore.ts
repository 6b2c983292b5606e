import type { CollectionReference, Firestore } from '@google-cloud/firestore';
import type {
  ConsumeResult,
  OneTimeGrant,
  OneTimeTokenRepository,
} from '../../ports/one-time-token-repository.port';
import { isFailedPrecondition, isNotFound } from '../gcp/grpc-status';
import { consumeAnswer } from '../records/images';
import { collectionName, deleteMatching, type FirestoreAdapterOptions } from './documents';

/** Reads and conditional writes of one consume: a grant is written once, so the second read finds it used. */
const MAX_CONSUME_ATTEMPTS = 5;

/** The document changed since it was read, or was removed (expired). */
const isPreconditionFailure = (err: unknown): boolean => isFailedPrecondition(err) || isNotFound(err);

/**
 * Single-use grants in Firestore, oneTimeTokens/{tokenHash}: the hash is random, so ids spread evenly, and create()
 * makes a clash fail. In production a TTL policy on `expiresAt` removes expired grants (within a day
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
    await this.tokens.doc(grant.tokenHash).create({ ...grant, usedAt: null });
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
      const result = consumeAnswer(snapshot.data(), now);
      if (result.outcome !== 'granted') return result;
      try {
        await ref.update({ usedAt: now }, { lastUpdateTime: snapshot.updateTime! });
        return result;
      } catch (err) {
        // Someone else's write came first, or the grant is gone: read again to say which.
        if (!isPreconditionFailure(err) || attempt >= MAX_CONSUME_ATTEMPTS) throw err;
      }
    }
  }

  async peek(tokenHash: string, now: Date): Promise<ConsumeResult> {
    return consumeAnswer((await this.tokens.doc(tokenHash).get()).data(), now);
  }

  /** One sweeper at a time, or a grant deleted by two is counted by both. */
  async deleteExpired(before: Date): Promise<number> {
    return deleteMatching(this.db, this.tokens.where('expiresAt', '<', before));
  }
}

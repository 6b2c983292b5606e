import type { CollectionReference, Firestore } from '@google-cloud/firestore';
import { z } from 'zod';
import type { Page, PageRequest } from '../../ports/common';
import type { DeadLetter, DeadLetterRepository } from '../../ports/dead-letter-repository.port';
import {
  bytes,
  collectionName,
  hashedId,
  isNotFound,
  timestamp,
  toTimestamp,
  toTimestampOrNull,
  type FirestoreAdapterOptions,
} from './documents';
import { newestFirstPage } from './pagination';

/**
 * deadLetters/{id}: the letter, under its random dl_… id. The message bytes are stored as Bytes, so a letter is
 * limited by Firestore's 1 MiB document size (our events are small JSON; Pub/Sub itself allows 10 MB).
 */
const deadLetterDoc = z.object({
  id: z.string(),
  subscription: z.string(),
  topic: z.string(),
  messageId: z.string(),
  data: bytes,
  /** JSON: attribute names are the publisher's, and Firestore refuses some as field names (`__x__`, ''). */
  attributes: z
    .string()
    .transform((json) => JSON.parse(json) as unknown)
    .pipe(z.record(z.string(), z.string())),
  orderingKey: z.string().nullable(),
  reason: z.string(),
  attempts: z.number().int(),
  kind: z.enum(['exhausted', 'rejected']),
  deadLetteredAt: timestamp,
  replayedAt: timestamp.nullable(),
});

/** deadLetterMessages/{sha256(subscription, messageId)} → { id }: makes record idempotent per message. */
const messageDoc = z.object({ id: z.string() });

const toDeadLetter = (data: unknown): DeadLetter => deadLetterDoc.parse(data);

export class FirestoreDeadLetterRepository implements DeadLetterRepository {
  private readonly letters: CollectionReference;
  private readonly messages: CollectionReference;

  constructor(
    private readonly db: Firestore,
    options?: FirestoreAdapterOptions,
  ) {
    this.letters = db.collection(collectionName(options, 'deadLetters'));
    this.messages = db.collection(collectionName(options, 'deadLetterMessages'));
  }

  /**
   * A repeat (the bus redelivering the dead-letter message) returns the letter recorded first, unchanged. The
   * message lookup and the letter are created in one transaction; a clash on the letter id fails loudly.
   */
  async record(letter: DeadLetter): Promise<DeadLetter> {
    const messageRef = this.messages.doc(hashedId(letter.subscription, letter.messageId));
    return this.db.runTransaction(async (tx) => {
      const message = await tx.get(messageRef);
      if (message.exists) {
        const first = await tx.get(this.letters.doc(messageDoc.parse(message.data()).id));
        return toDeadLetter(first.data());
      }
      tx.create(this.letters.doc(letter.id), {
        ...letter,
        attributes: JSON.stringify(letter.attributes),
        deadLetteredAt: toTimestamp(letter.deadLetteredAt),
        replayedAt: toTimestampOrNull(letter.replayedAt),
      });
      tx.create(messageRef, { id: letter.id });
      return letter;
    });
  }

  async get(id: string): Promise<DeadLetter | null> {
    const snapshot = await this.letters.doc(id).get();
    return snapshot.exists ? toDeadLetter(snapshot.data()) : null;
  }

  async list(page: PageRequest): Promise<Page<DeadLetter>> {
    return newestFirstPage(this.letters, 'deadLetteredAt', page, toDeadLetter);
  }

  /** Unknown ids are ignored; a second replay moves replayedAt to the latest one. */
  async markReplayed(id: string, at: Date): Promise<void> {
    try {
      await this.letters.doc(id).update({ replayedAt: toTimestamp(at) });
    } catch (error) {
      if (!isNotFound(error)) throw error;
    }
  }

  /** A count() aggregation over the automatic single-field index of replayedAt. */
  async countWaiting(): Promise<number> {
    return (await this.letters.where('replayedAt', '==', null).count().get()).data().count;
  }
}

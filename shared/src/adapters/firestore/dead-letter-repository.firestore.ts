import type { CollectionReference, Firestore } from '@google-cloud/firestore';
import { z } from 'zod';
import type { Page, PageRequest } from '../../ports/common';
import type { DeadLetter, DeadLetterRepository } from '../../ports/dead-letter-repository.port';
import { deadLetterRecord } from '../records/notifications';
import { parsedOrNull } from '../records/stored';
import { collectionName, hashedId, updatedIfFound, type FirestoreAdapterOptions } from './documents';
import { newestFirstPage } from './pagination';

/** deadLetterMessages/{sha256(subscription, messageId)} → { id }: makes record idempotent per message. */
const messageDoc = z.object({ id: z.string() });

const toDeadLetter = (data: unknown): DeadLetter => deadLetterRecord.parse(data);

/**
 * deadLetters/{id}: the letter, under its random dl_… id. The message bytes are stored as Bytes, so a letter is
 * limited by Firestore's 1 MiB document size (our events are small JSON; Pub/Sub itself allows 10 MB).
 */
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
      // JSON: attribute names are the publisher's, and Firestore refuses some as field names (`__x__`, '').
      tx.create(this.letters.doc(letter.id), { ...letter, attributes: JSON.stringify(letter.attributes) });
      tx.create(messageRef, { id: letter.id });
      return letter;
    });
  }

  async get(id: string): Promise<DeadLetter | null> {
    return parsedOrNull(deadLetterRecord, (await this.letters.doc(id).get()).data());
  }

  async list(page: PageRequest): Promise<Page<DeadLetter>> {
    return newestFirstPage(this.letters, 'deadLetteredAt', page, toDeadLetter);
  }

  /** Unknown ids are ignored; a second replay moves replayedAt to the latest one. */
  async markReplayed(id: string, at: Date): Promise<void> {
    await updatedIfFound(this.letters.doc(id), { replayedAt: at });
  }

  /** A count() aggregation over the automatic single-field index of replayedAt. */
  async countWaiting(): Promise<number> {
    return (await this.letters.where('replayedAt', '==', null).count().get()).data().count;
  }
}

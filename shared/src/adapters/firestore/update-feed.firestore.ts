import type { CollectionReference, Firestore } from '@google-cloud/firestore';
import type { ParticipantUpdate, UpdateBatch, UpdateFeed } from '../../ports/update-feed.port';
import { feedEntryRecord } from '../records/images';
import { collectionName, hashedId, type FirestoreAdapterOptions } from './documents';
import { invalidCursor } from '../records/keyset-page';

/** One canonical spelling per seq, so a client may compare its cursor with the marker as plain strings. */
const encodeSeq = (seq: number): string => Buffer.from(`f${seq}`).toString('base64url');

function decodeSeq(cursor: string): number {
  const match = /^f([1-9][0-9]{0,15})$/.exec(Buffer.from(cursor, 'base64url').toString('utf8'));
  const seq = match ? Number(match[1]) : NaN;
  if (!Number.isSafeInteger(seq) || encodeSeq(seq) !== cursor) throw invalidCursor();
  return seq;
}

/** Concurrent records for one participant queue behind each other (see record); give them room to retry. */
const RECORD_ATTEMPTS = 10;

/**
 * What changed for each participant, in Firestore: one document per update, written once, at
 * updateFeeds/{visitorId}/entries/{sha256(imageId, version, variant)}. The parent updateFeeds/{visitorId} is never
 * written.
 *
 * Write pattern: every update is a new document, and nothing is ever rewritten, so no document comes near
 * Firestore's sustained one write per second per document, however fast one participant's updates arrive. The
 * marker is not a stored document either: it is the newest entry, read with one single-document query
 * (orderBy seq desc, limit 1) served by the automatic single-field index on `seq`. Index entries are scoped under
 * the random visitor id, so the increasing `seq` does not hot-spot the index either.
 *
 * Ordering: a cursor is an entry's `seq`, and a poller asks for `seq > cursor`, so an entry committed after a poll
 * must get a larger seq than everything that poll saw, even when two writers race. A timestamp alone cannot promise
 * that (writer A takes t=100, writer B takes t=101 and commits first, a poll hands out 101, then A lands behind the
 * cursor and that phone never sees it). So record is a transaction that reads the participant's newest entry and
 * takes seq = max(now in µs, newest + 1): the query puts the range above the newest entry in the transaction's read
 * set, so two records for one participant serialize and seq follows commit order. The clock floor keeps seq
 * time-like and never reused, even if old entries are ever deleted.
 */
export class FirestoreUpdateFeed implements UpdateFeed {
  private readonly feeds: CollectionReference;

  constructor(
    private readonly db: Firestore,
    options?: FirestoreAdapterOptions,
  ) {
    this.feeds = db.collection(collectionName(options, 'updateFeeds'));
  }

  /** A repeat keeps the first entry, its seq and its updatedAt: clients that saw it are not told again. */
  async record(update: ParticipantUpdate): Promise<void> {
    const entries = this.entries(update.visitorId);
    const ref = entries.doc(hashedId(update.imageId, String(update.version), update.variant));
    const newestQuery = entries.orderBy('seq', 'desc').limit(1);
    await this.db.runTransaction(
      async (tx) => {
        if ((await tx.get(ref)).exists) return;
        const newest = (await tx.get(newestQuery)).docs[0];
        const after = newest === undefined ? 0 : feedEntryRecord.parse(newest.data()).seq;
        const seq = Math.max(Date.now() * 1000, after + 1);
        tx.create(ref, { ...update, seq });
      },
      { maxAttempts: RECORD_ATTEMPTS },
    );
  }

  async marker(visitorId: string): Promise<string | null> {
    const { docs } = await this.entries(visitorId).orderBy('seq', 'desc').limit(1).get();
    return docs[0] === undefined ? null : encodeSeq(feedEntryRecord.parse(docs[0].data()).seq);
  }

  /** Throws `invalid cursor` when `cursor` is not one this feed handed out. */
  async since(visitorId: string, cursor: string | null, limit: number): Promise<UpdateBatch> {
    const after = cursor === null ? 0 : decodeSeq(cursor);
    const { docs } = await this.entries(visitorId).where('seq', '>', after).orderBy('seq').limit(limit).get();
    const entries = docs.map((doc) => feedEntryRecord.parse(doc.data()));
    const last = entries.at(-1);
    return {
      updates: entries.map(({ seq: _, ...update }) => update),
      cursor: last === undefined ? cursor : encodeSeq(last.seq),
    };
  }

  private entries(visitorId: string): CollectionReference {
    return this.feeds.doc(visitorId).collection('entries');
  }
}

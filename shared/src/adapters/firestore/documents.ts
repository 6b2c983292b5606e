import type {
  DocumentData,
  DocumentReference,
  Firestore,
  Query,
  UpdateData,
  WriteBatch,
} from '@google-cloud/firestore';
import { createHash } from 'node:crypto';
import { isAlreadyExists, isNotFound, wrote } from '../gcp/grpc-status';

/** Every Firestore adapter takes these: a prefix keeps several deployments (or tests) apart in one database. */
export interface FirestoreAdapterOptions {
  collectionPrefix?: string;
}

export const collectionName = (options: FirestoreAdapterOptions | undefined, name: string): string =>
  `${options?.collectionPrefix ?? ''}${name}`;

/**
 * A document id for a caller's free-form string (an externalRef, an idempotency key): ids may not contain '/', and
 * sequential values (ticket-0001, ticket-0002, …) would hot-spot one tablet; a sha256 has neither problem.
 */
export const hashedId = (...parts: string[]): string =>
  createHash('sha256').update(parts.join('\u0000')).digest('hex');

/** Firestore's budget per commit (transaction or batch): writes beyond it need another commit. */
export const MAX_WRITES_PER_COMMIT = 500;

export function chunk<T>(items: T[], size: number): T[][] {
  const chunks: T[][] = [];
  for (let i = 0; i < items.length; i += size) chunks.push(items.slice(i, i + size));
  return chunks;
}

/** Applies `write` to every item, in batches of one commit each; answers how many items there were. */
export async function writeInBatches<T>(
  db: Firestore,
  items: T[],
  write: (batch: WriteBatch, item: T) => void,
): Promise<number> {
  for (const part of chunk(items, MAX_WRITES_PER_COMMIT)) {
    const batch = db.batch();
    for (const item of part) write(batch, item);
    await batch.commit();
  }
  return items.length;
}

/** Deletes what `query` matches, page by page (one commit each) until it matches nothing; answers how many. */
export async function deleteMatching(db: Firestore, query: Query): Promise<number> {
  const page = query.select().limit(MAX_WRITES_PER_COMMIT);
  let deleted = 0;
  for (;;) {
    const { docs } = await page.get();
    if (docs.length === 0) return deleted;
    deleted += await writeInBatches(db, docs, (batch, doc) => batch.delete(doc.ref));
  }
}

/** create(), false when the document exists already: its id is what makes the write idempotent. */
export const createdOnce = (ref: DocumentReference, data: DocumentData): Promise<boolean> =>
  wrote(() => ref.create(data), isAlreadyExists);

/** update(), false when there is no such document (update() fails on one). */
export const updatedIfFound = (ref: DocumentReference, fields: UpdateData<DocumentData>): Promise<boolean> =>
  wrote(() => ref.update(fields), isNotFound);

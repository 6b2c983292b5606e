import { FieldPath, Timestamp, type Query } from '@google-cloud/firestore';
import type { Page, PageRequest } from '../../ports/common';
import { decodeCursor, toPage } from '../records/keyset-page';

/**
 * Reads one page of `query` newest first by the Timestamp `field`, then the document id descending to break ties (or
 * oldest first, with `oldestFirst`: the same keyset ascending), mapping each document with `toItem`. That order is
 * served by the field's automatic single-field index (the id follows the last field's direction), or with equality
 * filters in front, by a composite index ending in (field DESC, __name__ DESC). The cursors are the SQLite
 * adapters' (keyset-page.ts), and a foreign one is the same 400.
 */
export async function newestFirstPage<T>(
  query: Query,
  field: string,
  page: PageRequest,
  toItem: (data: unknown) => T,
  oldestFirst = false,
): Promise<Page<T>> {
  const after = decodeCursor(page.after);
  const direction = oldestFirst ? 'asc' : 'desc';
  let ordered = query.orderBy(field, direction).orderBy(FieldPath.documentId(), direction);
  if (after !== null) ordered = ordered.startAfter(Timestamp.fromMillis(after.at), after.id);
  const { docs } = await ordered.limit(page.limit + 1).get();
  const { items, next } = toPage(docs, page.limit, (doc) => ({
    at: (doc.get(field) as Timestamp).toMillis(),
    id: doc.id,
  }));
  return { items: items.map((doc) => toItem(doc.data())), next };
}

import { FieldPath, Timestamp, type Query } from '@google-cloud/firestore';
import { z } from 'zod';
import { errors } from '../../errors/errors';
import type { Page, PageRequest } from '../../ports/common';

/**
 * Newest-first listings: ordered by a Timestamp field descending, then the document id descending to break ties.
 * That order is served by the field's automatic single-field index (the id follows the last field's direction), or
 * with equality filters in front, by a composite index ending in (field DESC, __name__ DESC).
 */
interface Keyset {
  at: number;
  id: string;
}

const keysetSchema = z.tuple([z.number().int(), z.string().min(1)]);

/** A cursor this listing did not issue: the catalog's 400, as the SQLite adapters answer. */
export const invalidCursor = errors.invalidCursor;

const encodeCursor = (key: Keyset): string =>
  Buffer.from(JSON.stringify([key.at, key.id])).toString('base64url');

function decodeCursor(cursor: string | null | undefined): Keyset | null {
  if (cursor === null || cursor === undefined) return null;
  let decoded: unknown;
  try {
    decoded = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8'));
  } catch {
    throw invalidCursor();
  }
  const parsed = keysetSchema.safeParse(decoded);
  if (!parsed.success) throw invalidCursor();
  return { at: parsed.data[0], id: parsed.data[1] };
}

/**
 * Reads one page of `query` newest first by `field` (or oldest first, with `oldestFirst`: the same keyset ascending,
 * served by the same single-field index), mapping each document with `toItem`. One document more than the limit is
 * read only to tell whether a next page exists, so a full last page still says `next: null`.
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
  const kept = docs.slice(0, page.limit);
  const last = kept.at(-1);
  const lastAt = last?.get(field) as unknown;
  const next =
    docs.length > page.limit && last !== undefined && lastAt instanceof Timestamp
      ? encodeCursor({ at: lastAt.toMillis(), id: last.id })
      : null;
  return { items: kept.map((doc) => toItem(doc.data())), next };
}

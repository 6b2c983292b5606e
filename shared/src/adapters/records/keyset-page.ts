import { z } from 'zod';
import type { Page } from '../../ports/common';
import { errors } from '../../errors/errors';

/**
 * Keyset pages for both stores: a listing sorts by an instant and then the id, newest first (or oldest first), and a
 * cursor is the (ms, id) of the last item a page gave.
 */
export interface Keyset {
  at: number;
  id: string;
}

const keysetSchema = z.tuple([z.number().int(), z.string().min(1)]);

/** REQUEST.INVALID_CURSOR (400): the edge answers it like any other bad input. */
export const invalidCursor = errors.invalidCursor;

export const encodeCursor = (key: Keyset): string =>
  Buffer.from(JSON.stringify([key.at, key.id])).toString('base64url');

/** Null when there is no cursor (the first page); throws `invalid cursor` on anything we did not encode. */
export function decodeCursor(cursor: string | null | undefined): Keyset | null {
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
 * Builds a page from items read with `LIMIT limit + 1`: the extra item only tells that a next page exists,
 * so the last page says `next: null` even when it is full.
 */
export function toPage<T>(items: T[], limit: number, keyOf: (item: T) => Keyset): Page<T> {
  const page = items.slice(0, limit);
  const last = page.at(-1);
  return { items: page, next: items.length > limit && last !== undefined ? encodeCursor(keyOf(last)) : null };
}

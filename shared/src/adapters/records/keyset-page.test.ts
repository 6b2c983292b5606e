import { describe, expect, it } from 'vitest';
import { decodeCursor, encodeCursor, toPage } from './keyset-page';

describe('cursors', () => {
  it('when a key is encoded, then decoding gives it back and the cursor is URL-safe', () => {
    const cursor = encodeCursor({ at: 1_750_000_000_123, id: 'v_0123456789abcdefghjk' });
    expect(cursor).toMatch(/^[A-Za-z0-9_-]+$/);
    expect(decodeCursor(cursor)).toEqual({ at: 1_750_000_000_123, id: 'v_0123456789abcdefghjk' });
  });

  it('when there is no cursor, then null (the first page)', () => {
    expect(decodeCursor(null)).toBeNull();
    expect(decodeCursor(undefined)).toBeNull();
  });

  it.each([
    ['not base64 JSON', 'not-a-cursor'],
    ['empty', ''],
    ['wrong shape', Buffer.from('{"at":1,"id":"x"}').toString('base64url')],
    ['fractional time', Buffer.from('[1.5,"x"]').toString('base64url')],
    ['empty id', Buffer.from('[1,""]').toString('base64url')],
  ])('when the cursor is %s, then it throws "invalid cursor"', (_, cursor) => {
    expect(() => decodeCursor(cursor)).toThrow('invalid cursor');
  });
});

describe('toPage', () => {
  const keyOf = (n: number) => ({ at: n, id: String(n) });

  it('when one row more than the limit was read, then the page has a next cursor at its last item', () => {
    const page = toPage([5, 4, 3], 2, keyOf);
    expect(page.items).toEqual([5, 4]);
    expect(decodeCursor(page.next)).toEqual({ at: 4, id: '4' });
  });

  it('when no extra row was read, then next is null', () => {
    expect(toPage([5, 4], 2, keyOf)).toEqual({ items: [5, 4], next: null });
  });
});

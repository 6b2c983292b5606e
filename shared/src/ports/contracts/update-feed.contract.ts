import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { newImageId, newVisitorId } from '../../domain/ids';
import type { ParticipantUpdate, UpdateFeed } from '../update-feed.port';

export interface UpdateFeedFixture {
  feed: UpdateFeed;
  teardown: () => Promise<void>;
}

const T0 = Date.parse('2025-06-01T10:00:00.000Z');
const at = (seconds: number): Date => new Date(T0 + seconds * 1000);

/**
 * The semantics every UpdateFeed adapter must keep; run it against each one.
 * A cursor the feed did not hand out makes `since` reject with the catalog's REQUEST.INVALID_CURSOR.
 */
export function updateFeedContract(name: string, setup: () => Promise<UpdateFeedFixture>): void {
  describe(`UpdateFeed contract: ${name}`, () => {
    let feed: UpdateFeed;
    let teardown: () => Promise<void>;
    beforeEach(async () => {
      ({ feed, teardown } = await setup());
    });
    afterEach(async () => {
      await teardown();
    });

    const visitor = newVisitorId();
    let clock = 0;
    const update = (overrides: Partial<ParticipantUpdate> = {}): ParticipantUpdate => ({
      visitorId: visitor,
      imageId: newImageId(),
      version: 1,
      variant: 'processed',
      updatedAt: at((clock += 1)),
      ...overrides,
    });
    const recordAll = async (updates: ParticipantUpdate[]) => {
      for (const u of updates) await feed.record(u);
      return updates;
    };

    it('when a participant has no updates, then the marker is null and since(null) gives nothing and a null cursor', async () => {
      await feed.record(update({ visitorId: newVisitorId() }));
      expect(await feed.marker(visitor)).toBeNull();
      expect(await feed.since(visitor, null, 10)).toEqual({ updates: [], cursor: null });
    });

    it('when updates are recorded, then since(null) returns them in order with a cursor equal to the marker', async () => {
      const updates = await recordAll([update(), update({ variant: 'original' }), update({ version: 2 })]);
      const batch = await feed.since(visitor, null, 10);
      expect(batch.updates).toEqual(updates);
      expect(batch.cursor).toEqual(expect.any(String));
      expect(batch.cursor).toBe(await feed.marker(visitor));
    });

    it('when read from a cursor, then only later updates come, and once caught up the cursor stays put', async () => {
      const [first, ...later] = await recordAll([update(), update(), update()]);
      const one = await feed.since(visitor, null, 1);
      expect(one.updates).toEqual([first]);
      const rest = await feed.since(visitor, one.cursor, 10);
      expect(rest.updates).toEqual(later);
      const none = await feed.since(visitor, rest.cursor, 10);
      expect(none).toEqual({ updates: [], cursor: rest.cursor });
    });

    it('when paged with a small limit, then every update comes exactly once, in order', async () => {
      const updates = await recordAll(Array.from({ length: 7 }, () => update()));
      const seen: ParticipantUpdate[] = [];
      let cursor: string | null = null;
      for (let i = 0; i < 10; i++) {
        const batch = await feed.since(visitor, cursor, 3);
        seen.push(...batch.updates);
        cursor = batch.cursor;
      }
      expect(seen).toEqual(updates);
    });

    it('when the marker is read after each new update, then it changes, and equals the cursor of a full read', async () => {
      await feed.record(update());
      const before = await feed.marker(visitor);
      const { cursor } = await feed.since(visitor, null, 10);
      expect(cursor).toBe(before);
      await feed.record(update());
      const after = await feed.marker(visitor);
      expect(after).not.toBe(before);
      expect((await feed.since(visitor, cursor, 10)).cursor).toBe(after);
    });

    it('when the same update is recorded twice, then one entry remains, with the first updatedAt', async () => {
      const first = update();
      await feed.record(first);
      const marker = await feed.marker(visitor);
      await feed.record({ ...first, updatedAt: at(999) });
      expect(await feed.marker(visitor)).toBe(marker);
      expect((await feed.since(visitor, null, 10)).updates).toEqual([first]);
    });

    it('when the same image changes version or variant, then each is its own entry', async () => {
      const base = update();
      const updates = await recordAll([base, { ...base, variant: 'generated' }, { ...base, version: 2 }]);
      expect((await feed.since(visitor, null, 10)).updates).toEqual(updates);
    });

    it('when several participants have updates, then each sees only their own, with their own marker', async () => {
      const other = newVisitorId();
      const [mine1, theirs, mine2] = await recordAll([update(), update({ visitorId: other }), update()]);
      expect((await feed.since(visitor, null, 10)).updates).toEqual([mine1, mine2]);
      const batch = await feed.since(other, null, 10);
      expect(batch.updates).toEqual([theirs]);
      expect(batch.cursor).toBe(await feed.marker(other));
      expect(await feed.marker(other)).not.toBe(await feed.marker(visitor));
    });

    it('when the cursor is malformed, then since rejects with REQUEST.INVALID_CURSOR', async () => {
      await feed.record(update());
      for (const bad of ['', 'garbage', '!!!', 'bnVsbA']) {
        await expect(feed.since(visitor, bad, 10), bad).rejects.toMatchObject({
          code: 'REQUEST.INVALID_CURSOR',
        });
      }
    });
  });
}

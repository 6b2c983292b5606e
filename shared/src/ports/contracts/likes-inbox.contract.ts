import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { newImageId, newNotificationId, newVisitorId } from '../../domain/ids';
import type { Notification } from '../../domain/notification';
import { at, type LikesFixture } from './likes.contract';

/** The inbox half of the likes contract: reading, paging, counting and marking notifications. */
export function likesInboxContract(name: string, setup: () => Promise<LikesFixture>): void {
  describe(`NotificationRepository contract: ${name}`, () => {
    let f: LikesFixture;
    beforeEach(async () => {
      f = await setup();
    });
    afterEach(async () => {
      await f.teardown();
    });

    const owner = newVisitorId();
    const notify = async (seconds: number, recipient = owner): Promise<Notification> => {
      const result = await f.likes.like({
        imageId: newImageId(),
        likerVisitorId: newVisitorId(),
        ownerVisitorId: recipient,
        now: at(seconds),
      });
      if (result.outcome !== 'created' || !result.notification) throw new Error('expected a notification');
      return result.notification;
    };

    it("when listed page by page, then newest first, each once, only the recipient's, next null on the last page", async () => {
      const made = [await notify(1), await notify(2), await notify(2), await notify(3), await notify(4)];
      await notify(5, newVisitorId());
      const seen: Notification[] = [];
      let after: string | null = null;
      do {
        const page = await f.notifications.list(owner, { limit: 2, after });
        seen.push(...page.items);
        after = page.next;
      } while (after !== null);
      expect(seen).toHaveLength(5);
      expect(seen[0]).toEqual(made[4]);
      expect(seen[4]).toEqual(made[0]);
      expect(
        seen
          .slice(2, 4)
          .map((n) => n.notificationId)
          .sort(),
      ).toEqual([made[1]!, made[2]!].map((n) => n.notificationId).sort());
      await expect(f.notifications.list(owner, { limit: 2, after: 'nope' })).rejects.toMatchObject({
        code: 'REQUEST.INVALID_CURSOR',
      });
    });

    it('when notifications are read one by one or all at once, then the unread count follows', async () => {
      const [a, b, c] = [await notify(1), await notify(2), await notify(3)];
      expect(await f.notifications.unreadCount(owner)).toBe(3);
      expect(await f.notifications.markRead(owner, a.notificationId, at(10))).toMatchObject({
        readAt: at(10),
      });
      expect(await f.notifications.markRead(owner, a.notificationId, at(11))).toMatchObject({
        readAt: at(10),
      });
      expect(await f.notifications.unreadCount(owner)).toBe(2);
      expect(await f.notifications.markAllRead(owner, at(12))).toBe(2);
      expect(await f.notifications.markAllRead(owner, at(13))).toBe(0);
      expect(await f.notifications.unreadCount(owner)).toBe(0);
      expect((await f.notifications.get(b.notificationId))?.readAt).toEqual(at(12));
      expect((await f.notifications.get(c.notificationId))?.readAt).toEqual(at(12));
    });

    it("when someone marks another's notification or an unknown one read, then null and nothing changes", async () => {
      const n = await notify(1);
      expect(await f.notifications.markRead(newVisitorId(), n.notificationId, at(2))).toBeNull();
      expect(await f.notifications.markRead(owner, newNotificationId(), at(2))).toBeNull();
      expect((await f.notifications.get(n.notificationId))?.readAt).toBeNull();
    });

    it('when a notification is closed, then the snapshot comes back, the first closedAt is kept, unknown ids give null', async () => {
      const n = await notify(1);
      expect(await f.notifications.close(n.notificationId, at(5))).toEqual({ ...n, closedAt: at(5) });
      expect(await f.notifications.close(n.notificationId, at(6))).toEqual({ ...n, closedAt: at(5) });
      expect(await f.notifications.close(newNotificationId(), at(6))).toBeNull();
    });

    it('when asked what changed since an instant, then created or aggregated notifications after it, oldest change first', async () => {
      const old = await notify(1);
      const later = await notify(3);
      await f.likes.like({
        imageId: old.imageId,
        likerVisitorId: newVisitorId(),
        ownerVisitorId: owner,
        now: at(4),
      });
      // A like joins unwritten; the aggregation that counts it is the change.
      expect(await f.notifications.changedSince(owner, at(2), 10)).toHaveLength(1);
      await f.notifications.aggregate(old.notificationId, at(4));
      const changed = await f.notifications.changedSince(owner, at(2), 10);
      expect(changed.map((n) => n.notificationId)).toEqual([later.notificationId, old.notificationId]);
      expect(changed[1]?.actorVisitorIds).toHaveLength(2);
      expect(await f.notifications.changedSince(owner, at(4), 10)).toEqual([]);
      expect(await f.notifications.changedSince(owner, at(0), 1)).toHaveLength(1);
    });
  });
}

import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { newImageId, newNotificationId, newVisitorId } from '../../domain/ids';
import type { LikeRepository } from '../like-repository.port';
import type { NotificationRepository } from '../notification-repository.port';
import type { OutboxEntry, OutboxRepository } from '../outbox.port';

export interface LikesFixture {
  likes: LikeRepository;
  notifications: NotificationRepository;
  outbox: OutboxRepository;
  teardown: () => Promise<void>;
}

const T0 = Date.parse('2025-06-01T10:00:00.000Z');
export const at = (seconds: number): Date => new Date(T0 + seconds * 1000);

export const payloadOf = (entry: OutboxEntry): Record<string, unknown> =>
  JSON.parse(entry.message.data.toString('utf8')) as Record<string, unknown>;

/**
 * The semantics every adapter of likes, notifications and the outbox must keep (they share one transaction);
 * run it against each. The notification half is in likes-inbox.contract.ts.
 */
export function likesContract(name: string, setup: () => Promise<LikesFixture>): void {
  describe(`LikeRepository + outbox contract: ${name}`, () => {
    let f: LikesFixture;
    beforeEach(async () => {
      f = await setup();
    });
    afterEach(async () => {
      await f.teardown();
    });

    const owner = newVisitorId();
    const like = (imageId: string, liker: string, seconds: number, ownerVisitorId: string | null = owner) =>
      f.likes.like({ imageId, likerVisitorId: liker, ownerVisitorId, now: at(seconds) });

    it('when a participant likes an image, then the like, the owner notification and a like.created outbox entry exist', async () => {
      const imageId = newImageId();
      const liker = newVisitorId();
      const result = await like(imageId, liker, 1);
      expect(result.outcome).toBe('created');
      if (result.outcome !== 'created') return;
      expect(result.notification).toMatchObject({
        recipientVisitorId: owner,
        imageId,
        actorCount: 1,
        actorVisitorIds: [liker],
        readAt: null,
        closedAt: null,
      });
      expect(result.like).toEqual({
        imageId,
        likerVisitorId: liker,
        ownerVisitorId: owner,
        notificationId: result.notification!.notificationId,
        createdAt: at(1),
      });
      expect(await f.likes.get(imageId, liker)).toEqual(result.like);
      expect(await f.notifications.get(result.notification!.notificationId)).toEqual(result.notification);

      const [entry, ...rest] = await f.outbox.pending(10);
      expect(rest).toEqual([]);
      expect(entry!.topic).toBe('activity');
      expect(entry!.message.attributes).toEqual({ event: 'like.created', version: '1', source: 'likes' });
      expect(payloadOf(entry!)).toEqual({
        imageId,
        likerVisitorId: liker,
        recipientVisitorId: owner,
        notificationId: result.notification!.notificationId,
        likedAt: at(1).toISOString(),
      });
    });

    it('when the same participant likes twice, then it is one like, one notification actor and one outbox entry', async () => {
      const imageId = newImageId();
      const liker = newVisitorId();
      const first = await like(imageId, liker, 1);
      const second = await like(imageId, liker, 2);
      expect(second).toEqual({ outcome: 'exists', like: first.like });
      expect(await f.outbox.pending(10)).toHaveLength(1);
      expect((await f.notifications.list(owner, { limit: 10 })).items[0]).toMatchObject({
        actorCount: 1,
        actorVisitorIds: [liker],
      });
    });

    it('when the owner likes their own image or the image has no owner, then no notification, but the event is still written', async () => {
      const self = await like(newImageId(), owner, 1);
      const orphan = await like(newImageId(), newVisitorId(), 2, null);
      for (const result of [self, orphan]) {
        expect(result).toMatchObject({
          outcome: 'created',
          notification: null,
          like: { notificationId: null },
        });
      }
      expect((await f.notifications.list(owner, { limit: 10 })).items).toEqual([]);
      const entries = await f.outbox.pending(10);
      expect(entries.map((e) => payloadOf(e).recipientVisitorId)).toEqual([null, null]);
    });

    it('when others like an image while its notification is open, then they join it unwritten, and aggregating counts them newest first', async () => {
      const imageId = newImageId();
      const [a, b, c] = [newVisitorId(), newVisitorId(), newVisitorId()];
      const first = await like(imageId, a, 1);
      await like(imageId, b, 2);
      const third = await like(imageId, c, 3);
      const { items } = await f.notifications.list(owner, { limit: 10 });
      expect(items).toHaveLength(1);
      const id = items[0]!.notificationId;
      expect(third.like.notificationId).toBe(id);
      // Joining writes the like only: the notification is as the first like made it until it is aggregated.
      expect(third).toMatchObject({ notification: { actorCount: 1, actorVisitorIds: [a] } });
      expect(items[0]).toEqual(first.outcome === 'created' ? first.notification : null);
      expect(await f.notifications.aggregate(id, at(4))).toMatchObject({
        actorCount: 3,
        actorVisitorIds: [c, b, a],
        createdAt: at(1),
        updatedAt: at(4),
      });
      expect(await f.notifications.get(id)).toMatchObject({ actorCount: 3, updatedAt: at(4) });
      // Nothing new: nothing is written, updatedAt stays.
      expect(await f.notifications.aggregate(id, at(5))).toMatchObject({ actorCount: 3, updatedAt: at(4) });
      // Another image of the same owner is its own group.
      await like(newImageId(), a, 6);
      expect((await f.notifications.list(owner, { limit: 10 })).items).toHaveLength(2);
    });

    it('when an open notification was aggregated within the interval, then it is left as it is; closing counts everything', async () => {
      const imageId = newImageId();
      const [a, b] = [newVisitorId(), newVisitorId()];
      const { like: first } = await like(imageId, a, 1);
      const id = first.notificationId!;
      await like(imageId, b, 1.5);
      expect(await f.notifications.aggregate(id, at(1.9), { minIntervalMs: 1000 })).toMatchObject({
        actorCount: 1,
      });
      expect(await f.notifications.aggregate(id, at(2), { minIntervalMs: 1000 })).toMatchObject({
        actorCount: 2,
        actorVisitorIds: [b, a],
        updatedAt: at(2),
      });
      await like(imageId, newVisitorId(), 2.5);
      expect(await f.notifications.aggregate(id, at(2.6), { minIntervalMs: 1000 })).toMatchObject({
        actorCount: 2,
      });
      expect(await f.notifications.close(id, at(2.7))).toMatchObject({ actorCount: 3, closedAt: at(2.7) });
      expect(await f.notifications.aggregate(newNotificationId(), at(3))).toBeNull();
    });

    it('when many participants like one image at once, then exactly one notification holds them all', async () => {
      const imageId = newImageId();
      const likers = Array.from({ length: 8 }, () => newVisitorId());
      await Promise.all(likers.map((v, i) => like(imageId, v, i)));
      const { items } = await f.notifications.list(owner, { limit: 10 });
      expect(items).toHaveLength(1);
      const aggregated = await f.notifications.aggregate(items[0]!.notificationId, at(9));
      expect(aggregated!.actorCount).toBe(8);
      expect([...aggregated!.actorVisitorIds].sort()).toEqual([...likers].sort());
      expect(await f.outbox.pending(20)).toHaveLength(8);
    });

    it('when the notification was read or closed, then the next like starts a new notification', async () => {
      const imageId = newImageId();
      const first = await like(imageId, newVisitorId(), 1);
      await f.notifications.markRead(owner, first.like.notificationId!, at(2));
      const second = await like(imageId, newVisitorId(), 3);
      expect(second.like.notificationId).not.toBe(first.like.notificationId);
      await f.notifications.close(second.like.notificationId!, at(4));
      const third = await like(imageId, newVisitorId(), 5);
      expect(new Set([first, second, third].map((r) => r.like.notificationId)).size).toBe(3);
    });

    it('when a liker unlikes, then they leave the notification and a like.removed entry is written', async () => {
      const imageId = newImageId();
      const [a, b] = [newVisitorId(), newVisitorId()];
      await like(imageId, a, 1);
      const { like: liked } = await like(imageId, b, 2);
      await f.notifications.aggregate(liked.notificationId!, at(2));
      const result = await f.likes.unlike({ imageId, likerVisitorId: b, now: at(3) });
      expect(result).toMatchObject({
        outcome: 'removed',
        notificationRemoved: false,
        notification: { actorCount: 1, actorVisitorIds: [a], updatedAt: at(3) },
      });
      expect(await f.likes.get(imageId, b)).toBeNull();
      const entries = await f.outbox.pending(10);
      expect(entries).toHaveLength(3);
      expect(entries[2]!.message.attributes).toMatchObject({ event: 'like.removed', source: 'likes' });
      expect(payloadOf(entries[2]!)).toEqual({
        imageId,
        likerVisitorId: b,
        recipientVisitorId: owner,
        notificationId: liked.notificationId,
        notificationRemoved: false,
        removedAt: at(3).toISOString(),
      });
    });

    it('when the last liker unlikes, then the notification is deleted; unliking again changes nothing', async () => {
      const imageId = newImageId();
      const liker = newVisitorId();
      const { like: liked } = await like(imageId, liker, 1);
      const result = await f.likes.unlike({ imageId, likerVisitorId: liker, now: at(2) });
      expect(result).toMatchObject({ outcome: 'removed', notificationRemoved: true, notification: null });
      expect(await f.notifications.get(liked.notificationId!)).toBeNull();
      expect(await f.likes.unlike({ imageId, likerVisitorId: liker, now: at(3) })).toEqual({
        outcome: 'absent',
      });
      expect(await f.outbox.pending(10)).toHaveLength(2);
      // Liking again afterwards is a new like with a new notification.
      expect((await like(imageId, liker, 4)).outcome).toBe('created');
    });

    it('when asked which images of a page a participant likes, then only their current likes answer', async () => {
      const [x, y, z] = [newImageId(), newImageId(), newImageId()];
      const [me, other] = [newVisitorId(), newVisitorId()];
      await like(x, me, 1);
      await like(y, me, 2);
      await like(z, other, 3);
      await f.likes.unlike({ imageId: y, likerVisitorId: me, now: at(4) });
      expect(await f.likes.likedAmong(me, [x, y, z, newImageId()])).toEqual(new Set([x]));
      expect(await f.likes.likedAmong(other, [x, y, z])).toEqual(new Set([z]));
      expect(await f.likes.likedAmong(me, [])).toEqual(new Set());
    });

    it('when entries are published, then they leave the pending list, oldest first, and can be purged later', async () => {
      const imageId = newImageId();
      for (let i = 0; i < 3; i++) await like(imageId, newVisitorId(), i);
      const pending = await f.outbox.pending(10);
      expect(pending.map((e) => payloadOf(e).likedAt)).toEqual(
        [at(0), at(1), at(2)].map((d) => d.toISOString()),
      );
      expect(await f.outbox.pending(2)).toHaveLength(2);
      await f.outbox.markPublished([pending[0]!.id, pending[1]!.id], at(10));
      await f.outbox.markPublished([pending[0]!.id], at(11));
      expect((await f.outbox.pending(10)).map((e) => e.id)).toEqual([pending[2]!.id]);
      expect(await f.outbox.deletePublished(at(10))).toBe(0);
      expect(await f.outbox.deletePublished(at(12))).toBe(2);
      expect(await f.outbox.pending(10)).toHaveLength(1);
    });
  });
}

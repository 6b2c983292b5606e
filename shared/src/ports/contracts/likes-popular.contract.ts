import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { newImageId, newVisitorId } from '../../domain/ids';
import { NOTIFICATION_ACTORS_KEPT } from '../../domain/notification';
import { at, type LikesFixture } from './likes.contract';

const LIKES = 2_000;
const CONCURRENCY = 8;

/**
 * A popular image: its likes join its notification without writing it (one document written by every like would cap
 * them at about one a second), and the aggregated notification counts every like but keeps only the newest likers by
 * id, so it does not grow with the crowd (Firestore caps a document at 1 MiB and 40,000 index entries).
 */
export function likesPopularContract(name: string, setup: () => Promise<LikesFixture>): void {
  describe(`LikeRepository popular image contract: ${name}`, () => {
    let f: LikesFixture;
    beforeEach(async () => {
      f = await setup();
    });
    afterEach(async () => {
      await f.teardown();
    });

    it(`when ${LIKES} participants like one image, then its aggregated notification counts ${LIKES} and keeps the newest ${NOTIFICATION_ACTORS_KEPT}`, async () => {
      const owner = newVisitorId();
      const imageId = newImageId();
      const likers = Array.from({ length: LIKES }, () => newVisitorId());
      const like = (i: number) =>
        f.likes.like({ imageId, likerVisitorId: likers[i]!, ownerVisitorId: owner, now: at(i / 100) });
      // The first like opens the notification; the rest join it in concurrent batches (joining only reads it).
      await like(0);
      for (let start = 1; start < LIKES; start += CONCURRENCY) {
        const batch = Array.from({ length: Math.min(CONCURRENCY, LIKES - start) }, (_, k) => like(start + k));
        expect((await Promise.all(batch)).every((r) => r.outcome === 'created')).toBe(true);
      }
      const crowd = LIKES - NOTIFICATION_ACTORS_KEPT;

      const { items } = await f.notifications.list(owner, { limit: 10 });
      expect(items).toHaveLength(1);
      const id = items[0]!.notificationId;
      expect(items[0]).toMatchObject({ actorCount: 1, actorVisitorIds: [likers[0]] });
      const newest = likers.slice(crowd).reverse();
      expect(await f.notifications.aggregate(id, at(30))).toMatchObject({
        actorCount: LIKES,
        actorVisitorIds: newest,
      });

      // A liker no longer kept by id leaves the count only.
      const early = await f.likes.unlike({ imageId, likerVisitorId: likers[0]!, now: at(100) });
      expect(early).toMatchObject({ notification: { actorCount: LIKES - 1, actorVisitorIds: newest } });

      // When every kept liker withdraws, the newest remaining likes take their places.
      for (const [k, liker] of newest.entries())
        await f.likes.unlike({ imageId, likerVisitorId: liker, now: at(101 + k) });
      expect(await f.notifications.close(id, at(200))).toMatchObject({
        actorCount: LIKES - 1 - NOTIFICATION_ACTORS_KEPT,
        actorVisitorIds: likers.slice(crowd - NOTIFICATION_ACTORS_KEPT, crowd).reverse(),
        closedAt: at(200),
      });
    }, 300_000);
  });
}

import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { newImageId, newVisitorId } from '../../domain/ids';
import { NOTIFICATION_ACTORS_KEPT } from '../../domain/notification';
import { at, type LikesFixture } from './likes.contract';

const LIKES = 2_000;

/**
 * A popular image: its notification counts every like but keeps only the newest likers by id, so one document does
 * not grow with the crowd (Firestore caps a document at 1 MiB and 40,000 index entries).
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

    it(`when ${LIKES} participants like one image, then its notification counts ${LIKES} and keeps the newest ${NOTIFICATION_ACTORS_KEPT}`, async () => {
      const owner = newVisitorId();
      const imageId = newImageId();
      const likers = Array.from({ length: LIKES }, () => newVisitorId());
      const like = (i: number) =>
        f.likes.like({ imageId, likerVisitorId: likers[i]!, ownerVisitorId: owner, now: at(i / 100) });
      // One after another: concurrent likes of one image serialise on its notification anyway (the emulator
      // takes ~0.7 s per contended transaction; docs/scaling.md), and "newest first" then has one answer.
      for (let i = 0; i < LIKES; i += 1) expect((await like(i)).outcome).toBe('created');
      const crowd = LIKES - NOTIFICATION_ACTORS_KEPT;

      const { items } = await f.notifications.list(owner, { limit: 10 });
      expect(items).toHaveLength(1);
      const newest = likers.slice(crowd).reverse();
      expect(items[0]).toMatchObject({ actorCount: LIKES, actorVisitorIds: newest });

      // A liker no longer kept by id leaves the count only.
      const early = await f.likes.unlike({ imageId, likerVisitorId: likers[0]!, now: at(100) });
      expect(early).toMatchObject({ notification: { actorCount: LIKES - 1, actorVisitorIds: newest } });

      // When every kept liker withdraws, the newest remaining likes refill the list.
      for (const [k, liker] of newest.entries())
        await f.likes.unlike({ imageId, likerVisitorId: liker, now: at(101 + k) });
      const refilled = await f.notifications.get(items[0]!.notificationId);
      expect(refilled).toMatchObject({
        actorCount: LIKES - 1 - NOTIFICATION_ACTORS_KEPT,
        actorVisitorIds: likers.slice(crowd - NOTIFICATION_ACTORS_KEPT, crowd).reverse(),
      });
    }, 300_000);
  });
}

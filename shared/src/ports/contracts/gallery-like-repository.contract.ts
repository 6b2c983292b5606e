import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { GalleryLike } from '../../domain/gallery';
import type { GalleryLikeRepository } from '../gallery-like-repository.port';

const T0 = Date.parse('2026-03-01T10:00:00.000Z');
const at = (seconds: number): Date => new Date(T0 + seconds * 1000);
const like = (
  userId: string,
  itemId: string,
  seconds: number,
  over: Partial<GalleryLike> = {},
): GalleryLike => ({
  userId,
  itemId,
  expression: 'happy',
  likedAt: at(seconds),
  ...over,
});

/** The contract every GalleryLikeRepository meets, embedded or cloud. */
export function galleryLikeRepositoryContract(
  name: string,
  setup: () => Promise<{ repo: GalleryLikeRepository; teardown: () => Promise<void> }>,
) {
  describe(`GalleryLikeRepository contract: ${name}`, () => {
    let repo: GalleryLikeRepository;
    let teardown: () => Promise<void>;
    beforeEach(async () => ({ repo, teardown } = await setup()));
    afterEach(() => teardown());

    it('when a user likes items, then likedBy lists them newest first', async () => {
      expect(await repo.record(like('gu_a', 'img_1', 10))).toEqual({ created: true });
      await repo.record(like('gu_a', 'img_2', 20, { expression: null }));
      await repo.record(like('gu_b', 'img_3', 30));
      expect(await repo.likedBy('gu_a')).toEqual(['img_2', 'img_1']);
      expect(await repo.likedBy('gu_nobody')).toEqual([]);
    });

    it('when the same like is recorded twice, then it counts once and the first stays', async () => {
      await repo.record(like('gu_a', 'img_1', 10));
      expect(await repo.record(like('gu_a', 'img_1', 50, { expression: 'sad' }))).toEqual({ created: false });
      expect(await repo.recent(10)).toEqual([like('gu_a', 'img_1', 10)]);
    });

    it('when recent likes are read, then they come newest first, up to the limit, with their expressions', async () => {
      const likes = [
        like('gu_a', 'img_1', 10),
        like('gu_b', 'img_1', 30, { expression: 'sad' }),
        like('gu_c', 'img_2', 20),
      ];
      for (const l of likes) await repo.record(l);
      expect(await repo.recent(2)).toEqual([likes[1], likes[2]]);
    });

    it('when a user is erased, then their likes go and everyone else’s stay', async () => {
      await repo.record(like('gu_a', 'img_1', 10));
      await repo.record(like('gu_a', 'img_2', 11));
      await repo.record(like('gu_b', 'img_1', 12));
      expect(await repo.deleteUser('gu_a')).toBe(2);
      expect(await repo.likedBy('gu_a')).toEqual([]);
      expect(await repo.recent(10)).toEqual([like('gu_b', 'img_1', 12)]);
      expect(await repo.deleteUser('gu_a')).toBe(0);
    });
  });
}

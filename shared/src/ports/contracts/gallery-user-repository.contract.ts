import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { GalleryUser } from '../../domain/gallery';
import type { GalleryUserRepository } from '../gallery-user-repository.port';

const T0 = Date.parse('2026-03-01T10:00:00.000Z');
const at = (seconds: number): Date => new Date(T0 + seconds * 1000);

let counter = 0;
export function newGalleryUser(over: Partial<GalleryUser> = {}): GalleryUser {
  counter += 1;
  return {
    userId: `gu_${String(counter).padStart(26, '0')}`,
    expression: 'happy',
    faceExpiresAt: null,
    createdAt: at(0),
    updatedAt: at(0),
    ...over,
  };
}

/** The contract every GalleryUserRepository meets, embedded or cloud. */
export function galleryUserRepositoryContract(
  name: string,
  setup: () => Promise<{ repo: GalleryUserRepository; teardown: () => Promise<void> }>,
) {
  describe(`GalleryUserRepository contract: ${name}`, () => {
    let repo: GalleryUserRepository;
    let teardown: () => Promise<void>;
    beforeEach(async () => ({ repo, teardown } = await setup()));
    afterEach(() => teardown());

    it('when a user is created, then it reads back equal', async () => {
      const user = newGalleryUser({ faceExpiresAt: at(3600) });
      expect(await repo.create(user)).toEqual({ created: true, user });
      expect(await repo.get(user.userId)).toEqual(user);
    });

    it('when the same user id is created twice, then the first user stays and created is false', async () => {
      const first = newGalleryUser();
      await repo.create(first);
      const again = await repo.create({ ...first, expression: 'sad', createdAt: at(60), updatedAt: at(60) });
      expect(again).toEqual({ created: false, user: first });
    });

    it('when the expression and the face expiry change, then both read back and updatedAt moves', async () => {
      const user = newGalleryUser();
      await repo.create(user);
      expect(await repo.setExpression(user.userId, 'surprised', at(10))).toBe(true);
      expect(await repo.setFaceExpiry(user.userId, at(7200), at(20))).toBe(true);
      expect(await repo.get(user.userId)).toEqual({
        ...user,
        expression: 'surprised',
        faceExpiresAt: at(7200),
        updatedAt: at(20),
      });
      expect(await repo.setFaceExpiry(user.userId, null, at(30))).toBe(true);
      expect((await repo.get(user.userId))?.faceExpiresAt).toBeNull();
    });

    it('when an unknown user is updated, then nothing happens and the answer is false', async () => {
      expect(await repo.setExpression('gu_unknown', 'happy', at(1))).toBe(false);
      expect(await repo.setFaceExpiry('gu_unknown', at(1), at(1))).toBe(false);
      expect(await repo.get('gu_unknown')).toBeNull();
    });

    it('when faces expire, then the sweep lists exactly the expired users, oldest first, up to the limit', async () => {
      const a = newGalleryUser({ faceExpiresAt: at(100) });
      const b = newGalleryUser({ faceExpiresAt: at(50) });
      const c = newGalleryUser({ faceExpiresAt: at(900) });
      const none = newGalleryUser({ faceExpiresAt: null });
      for (const u of [a, b, c, none]) await repo.create(u);
      expect(await repo.withFaceExpiredBefore(at(500), 10)).toEqual([b.userId, a.userId]);
      expect(await repo.withFaceExpiredBefore(at(500), 1)).toEqual([b.userId]);
      expect(await repo.withFaceExpiredBefore(at(10), 10)).toEqual([]);
    });

    it('when a user is deleted, then it is gone and a second delete answers false', async () => {
      const user = newGalleryUser();
      await repo.create(user);
      expect(await repo.delete(user.userId)).toBe(true);
      expect(await repo.get(user.userId)).toBeNull();
      expect(await repo.delete(user.userId)).toBe(false);
    });
  });
}

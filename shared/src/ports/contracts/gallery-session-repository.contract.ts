import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { GallerySession, GallerySessionRepository } from '../gallery-session-repository.port';

const T0 = Date.parse('2026-03-01T10:00:00.000Z');
const at = (seconds: number): Date => new Date(T0 + seconds * 1000);

let counter = 0;
function newSession(over: Partial<GallerySession> = {}): GallerySession {
  counter += 1;
  return {
    tokenHash: `${String(counter).padStart(8, '0')}${'a'.repeat(56)}`,
    userId: `gu_${String(counter).padStart(26, '0')}`,
    createdAt: at(0),
    expiresAt: at(3600),
    ...over,
  };
}

/** The contract every GallerySessionRepository meets, embedded or cloud. */
export function gallerySessionRepositoryContract(
  name: string,
  setup: () => Promise<{ repo: GallerySessionRepository; teardown: () => Promise<void> }>,
) {
  describe(`GallerySessionRepository contract: ${name}`, () => {
    let repo: GallerySessionRepository;
    let teardown: () => Promise<void>;
    beforeEach(async () => ({ repo, teardown } = await setup()));
    afterEach(() => teardown());

    it('when a session is created, then it is found by its hash until it expires', async () => {
      const session = newSession();
      await repo.create(session);
      expect(await repo.find(session.tokenHash, at(10))).toEqual(session);
      expect(await repo.find(session.tokenHash, at(3600))).toBeNull();
      expect(await repo.find('f'.repeat(64), at(10))).toBeNull();
    });

    it('when a participant is bound twice, then the latest user is theirs', async () => {
      expect(await repo.userOfParticipant('v_one')).toBeNull();
      await repo.bindParticipant('v_one', 'gu_first', at(1));
      await repo.bindParticipant('v_one', 'gu_second', at(2));
      expect(await repo.userOfParticipant('v_one')).toBe('gu_second');
    });

    it("when a user is erased, then their sessions and bindings go and other users' stay", async () => {
      const mine = newSession();
      const again = newSession({ userId: mine.userId });
      const other = newSession();
      for (const s of [mine, again, other]) await repo.create(s);
      await repo.bindParticipant('v_mine', mine.userId, at(1));
      await repo.bindParticipant('v_other', other.userId, at(1));
      expect(await repo.deleteForUser(mine.userId)).toBe(3);
      expect(await repo.find(mine.tokenHash, at(10))).toBeNull();
      expect(await repo.find(again.tokenHash, at(10))).toBeNull();
      expect(await repo.userOfParticipant('v_mine')).toBeNull();
      expect(await repo.find(other.tokenHash, at(10))).toEqual(other);
      expect(await repo.userOfParticipant('v_other')).toBe(other.userId);
      expect(await repo.deleteForUser(mine.userId)).toBe(0);
    });

    it('when expired sessions are swept, then exactly those go', async () => {
      const old = newSession({ expiresAt: at(100) });
      const live = newSession({ expiresAt: at(900) });
      await repo.create(old);
      await repo.create(live);
      expect(await repo.deleteExpired(at(500))).toBe(1);
      expect(await repo.find(live.tokenHash, at(200))).toEqual(live);
      expect(await repo.deleteExpired(at(500))).toBe(0);
    });
  });
}

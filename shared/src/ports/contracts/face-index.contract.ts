import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { FaceProbe, StoredFaceIndex } from '../face-index.port';

const T0 = Date.parse('2026-03-01T10:00:00.000Z');
const at = (seconds: number): Date => new Date(T0 + seconds * 1000);

/** A unit vector along one axis, scaled: distances between these are exact and easy to reason about. */
const axis = (i: number, length = 1): number[] =>
  Array.from({ length: 128 }, (_, j) => (j === i ? length : 0));
const probe = (descriptor: number[]): FaceProbe => ({ descriptor, imagePath: null });
/** `base` moved by `d` along another axis: at distance d from it. */
const near = (base: number[], d: number, along = 127): number[] =>
  base.map((v, j) => (j === along ? v + d : v));

/** The contract every stored FaceIndex meets (SQLite, Firestore); built with a distance threshold of 0.5. */
export function faceIndexContract(
  name: string,
  setup: () => Promise<{ index: StoredFaceIndex; teardown: () => Promise<void> }>,
) {
  describe(`FaceIndex contract: ${name} (threshold 0.5)`, () => {
    let index: StoredFaceIndex;
    let teardown: () => Promise<void>;
    beforeEach(async () => ({ index, teardown } = await setup()));
    afterEach(() => teardown());

    const add = (userId: string, descriptor: number[], expiresIn = 3600) =>
      index.index({ userId, probe: probe(descriptor), indexedAt: at(0), expiresAt: at(expiresIn) });

    it('when a face is indexed, then a probe close to it finds its user with the distance', async () => {
      await add('gu_a', axis(0));
      await add('gu_b', axis(1));
      const match = await index.search(probe(near(axis(0), 0.25)), at(1));
      expect(match?.userId).toBe('gu_a');
      expect(match?.distance).toBeCloseTo(0.25, 5);
    });

    it('when several faces are under the threshold, then the nearest wins', async () => {
      await add('gu_a', near(axis(0), 0.3));
      await add('gu_b', near(axis(0), 0.1));
      expect((await index.search(probe(axis(0)), at(1)))?.userId).toBe('gu_b');
    });

    it('when no face is under the threshold, then the search answers null', async () => {
      await add('gu_a', axis(0));
      expect(await index.search(probe(near(axis(0), 0.6)), at(1))).toBeNull();
      expect(await index.search(probe(axis(5)), at(1))).toBeNull();
    });

    it('when a face has expired, then it is never matched, and the sweep deletes it', async () => {
      await add('gu_old', axis(0), 100);
      await add('gu_new', axis(1), 10_000);
      expect(await index.search(probe(axis(0)), at(100))).toBeNull();
      expect(await index.deleteExpired(at(500))).toBe(1);
      expect((await index.search(probe(axis(1)), at(500)))?.userId).toBe('gu_new');
    });

    it('when a user is deleted, then none of their faces match any more and others still do', async () => {
      await add('gu_a', axis(0));
      await add('gu_a', axis(2));
      await add('gu_b', axis(1));
      expect(await index.deleteUser('gu_a')).toBe(2);
      expect(await index.search(probe(axis(0)), at(1))).toBeNull();
      expect(await index.search(probe(axis(2)), at(1))).toBeNull();
      expect((await index.search(probe(axis(1)), at(1)))?.userId).toBe('gu_b');
      expect(await index.deleteUser('gu_a')).toBe(0);
    });

    it('when users have faces, then indexedUserIds names each once, in order, and forgets a deleted user', async () => {
      expect(await index.indexedUserIds()).toEqual([]);
      await add('gu_b', axis(0));
      await add('gu_a', axis(1));
      await add('gu_b', axis(2));
      expect(await index.indexedUserIds()).toEqual(['gu_a', 'gu_b']);
      await index.deleteUser('gu_b');
      expect(await index.indexedUserIds()).toEqual(['gu_a']);
    });
  });
}

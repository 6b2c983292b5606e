import { beforeEach, describe, expect, it } from 'vitest';
import { newImageId } from '../../domain/ids';
import type { ImageRepository } from '../image-repository.port';
import { at, derived, imageSteps, original, version } from './image-repository.fixtures';

/** Versions, variants, the served variant and status: called inside imageRepositoryContract. */
export function imageVersionsContract(getRepo: () => ImageRepository): void {
  const { createImage, uploaded } = imageSteps(getRepo);
  let repo: ImageRepository;
  beforeEach(() => {
    repo = getRepo();
  });

  describe('addVersion', () => {
    it('when the expected version is current, then version+1 is created, current, served and uploaded', async () => {
      const image = await createImage();
      const result = await repo.addVersion(
        version(image.imageId, 0, { now: at(5), original: original('v1') }),
      );
      const variant = {
        ...original('v1'),
        imageId: image.imageId,
        version: 1,
        variant: 'original',
        createdAt: at(5),
      };
      const current = { ...image, currentVersion: 1, status: 'uploaded', updatedAt: at(5) };
      expect(result).toEqual({ outcome: 'created', image: current, variant });
      expect(await repo.get(image.imageId)).toEqual(current);
      expect(await repo.getVariant(image.imageId, 1, 'original')).toEqual(variant);
      expect(await repo.statusHistory(image.imageId)).toEqual([
        { imageId: image.imageId, version: 1, status: 'uploaded', reason: null, at: at(5) },
      ]);
    });

    it('when a new version arrives, then it resets the served variant and clears the status reason', async () => {
      const imageId = await uploaded(1);
      await repo.swapServed(imageId, 1, 'processed', at(20));
      await repo.setStatus({ imageId, version: 1, status: 'failed', reason: 'boom', at: at(21) });
      const result = await repo.addVersion(version(imageId, 1, { now: at(30) }));
      expect(result).toMatchObject({ outcome: 'created', variant: { version: 2 } });
      expect(await repo.get(imageId)).toMatchObject({
        currentVersion: 2,
        servedVariant: 'original',
        status: 'uploaded',
        statusReason: null,
        updatedAt: at(30),
      });
    });

    it('when the expected version is stale, then conflict with the current version, and nothing changes', async () => {
      const imageId = await uploaded(2);
      const before = await repo.get(imageId);
      expect(await repo.addVersion(version(imageId, 1))).toEqual({
        outcome: 'conflict',
        currentVersion: 2,
      });
      expect(await repo.addVersion(version(imageId, 5))).toEqual({
        outcome: 'conflict',
        currentVersion: 2,
      });
      expect(await repo.get(imageId)).toEqual(before);
      expect(await repo.getVariant(imageId, 3, 'original')).toBeNull();
    });

    it('when the image is unknown, then not-found', async () => {
      expect(await repo.addVersion(version(newImageId(), 0))).toEqual({ outcome: 'not-found' });
    });

    it('when a retry carries the same idempotency key, then it replays the first version, making none', async () => {
      const image = await createImage();
      const first = await repo.addVersion(version(image.imageId, 0, { idempotencyKey: 'upload-1' }));
      const retry = await repo.addVersion(
        version(image.imageId, 0, { idempotencyKey: 'upload-1', original: original('other'), now: at(40) }),
      );
      expect(first.outcome).toBe('created');
      if (first.outcome !== 'created') return;
      expect(retry).toEqual({ outcome: 'replayed', image: first.image, variant: first.variant });
      expect(await repo.listVariants(image.imageId)).toEqual([first.variant]);
    });

    it('when a retry comes after a newer version, then it still replays its own version', async () => {
      const image = await createImage();
      await repo.addVersion(version(image.imageId, 0, { idempotencyKey: 'k1' }));
      await repo.addVersion(version(image.imageId, 1, { idempotencyKey: 'k2' }));
      const retry = await repo.addVersion(version(image.imageId, 0, { idempotencyKey: 'k1' }));
      expect(retry).toMatchObject({
        outcome: 'replayed',
        variant: { version: 1 },
        image: { currentVersion: 2 },
      });
    });

    it('when two images use the same idempotency key, then each gets its own version', async () => {
      const a = await createImage();
      const b = await createImage();
      expect(await repo.addVersion(version(a.imageId, 0, { idempotencyKey: 'same' }))).toMatchObject({
        outcome: 'created',
      });
      expect(await repo.addVersion(version(b.imageId, 0, { idempotencyKey: 'same' }))).toMatchObject({
        outcome: 'created',
      });
    });

    it('when many uploads race on one expected version, then exactly one is created and the rest conflict', async () => {
      const image = await createImage();
      const results = await Promise.all(
        Array.from({ length: 10 }, (_, i) =>
          repo.addVersion(version(image.imageId, 0, { original: original(`r${i}`) })),
        ),
      );
      expect(results.filter((r) => r.outcome === 'created')).toHaveLength(1);
      expect(results.filter((r) => r.outcome === 'conflict')).toHaveLength(9);
      expect(await repo.get(image.imageId)).toMatchObject({ currentVersion: 1 });
    });

    it('when retries with one idempotency key race, then one is created and the rest replay it', async () => {
      const image = await createImage();
      const results = await Promise.all(
        Array.from({ length: 10 }, () =>
          repo.addVersion(version(image.imageId, 0, { idempotencyKey: 'race' })),
        ),
      );
      expect(results.filter((r) => r.outcome === 'created')).toHaveLength(1);
      expect(results.filter((r) => r.outcome === 'replayed')).toHaveLength(9);
      expect(await repo.listVariants(image.imageId)).toHaveLength(1);
    });
  });

  describe('variants', () => {
    it('when a variant is recorded twice, then the first is kept and the second answers exists', async () => {
      const imageId = await uploaded(1);
      const first = derived(imageId, 1, 'clustered', 'first');
      expect(await repo.addVariant(first)).toEqual({ outcome: 'created', variant: first });
      const again = derived(imageId, 1, 'clustered', 'second');
      expect(await repo.addVariant(again)).toEqual({ outcome: 'exists', variant: first });
      expect(await repo.getVariant(imageId, 1, 'clustered')).toEqual(first);
    });

    it('when variants of several versions exist, then listVariants returns each of them', async () => {
      const imageId = await uploaded(2);
      const clustered = derived(imageId, 1, 'clustered');
      const processed = derived(imageId, 2, 'processed');
      await repo.addVariant(clustered);
      await repo.addVariant(processed);
      const all = await repo.listVariants(imageId);
      expect(all).toHaveLength(4);
      expect(all).toEqual(expect.arrayContaining([clustered, processed]));
      expect(
        all
          .filter((v) => v.variant === 'original')
          .map((v) => v.version)
          .sort(),
      ).toEqual([1, 2]);
    });

    it('when the variant or image is unknown, then null and an empty list', async () => {
      const imageId = await uploaded(1);
      expect(await repo.getVariant(imageId, 1, 'generated')).toBeNull();
      expect(await repo.getVariant(imageId, 2, 'original')).toBeNull();
      expect(await repo.listVariants(newImageId())).toEqual([]);
    });
  });

  describe('swapServed', () => {
    it('when the version is current, then it serves the variant and touches updatedAt', async () => {
      const imageId = await uploaded(1);
      await repo.addVariant(derived(imageId, 1, 'processed'));
      expect(await repo.swapServed(imageId, 1, 'processed', at(60))).toBe('swapped');
      expect(await repo.get(imageId)).toMatchObject({ servedVariant: 'processed', updatedAt: at(60) });
    });

    it('when a newer version has arrived, then stale and nothing changes', async () => {
      const imageId = await uploaded(2);
      const before = await repo.get(imageId);
      expect(await repo.swapServed(imageId, 1, 'processed', at(60))).toBe('stale');
      expect(await repo.get(imageId)).toEqual(before);
    });

    it('when the image is unknown, then not-found', async () => {
      expect(await repo.swapServed(newImageId(), 1, 'processed', at(60))).toBe('not-found');
    });
  });

  describe('status', () => {
    it('when the version is current, then the status, reason and updatedAt change and history grows', async () => {
      const imageId = await uploaded(1);
      const change = { imageId, version: 1, status: 'failed' as const, reason: 'no faces', at: at(70) };
      expect(await repo.setStatus(change)).toBe(true);
      expect(await repo.get(imageId)).toMatchObject({
        status: 'failed',
        statusReason: 'no faces',
        updatedAt: at(70),
      });
      expect((await repo.statusHistory(imageId)).at(-1)).toEqual(change);
    });

    it('when the version is no longer current, then false and neither image nor history change', async () => {
      const imageId = await uploaded(2);
      const before = await repo.get(imageId);
      const history = await repo.statusHistory(imageId);
      expect(
        await repo.setStatus({ imageId, version: 1, status: 'clustered', reason: null, at: at(70) }),
      ).toBe(false);
      expect(await repo.get(imageId)).toEqual(before);
      expect(await repo.statusHistory(imageId)).toEqual(history);
    });

    it('when the image is unknown, then false and an empty history', async () => {
      const imageId = newImageId();
      expect(
        await repo.setStatus({ imageId, version: 1, status: 'clustered', reason: null, at: at(70) }),
      ).toBe(false);
      expect(await repo.statusHistory(imageId)).toEqual([]);
    });

    it('when statuses accumulate over versions, then the history is oldest first', async () => {
      const imageId = await uploaded(1);
      await repo.setStatus({ imageId, version: 1, status: 'clustering', reason: null, at: at(80) });
      await repo.setStatus({ imageId, version: 1, status: 'clustered', reason: null, at: at(81) });
      await repo.addVersion(version(imageId, 1, { now: at(82) }));
      await repo.setStatus({ imageId, version: 2, status: 'generating', reason: null, at: at(83) });
      const history = await repo.statusHistory(imageId);
      expect(history.map((h) => [h.version, h.status])).toEqual([
        [1, 'uploaded'],
        [1, 'clustering'],
        [1, 'clustered'],
        [2, 'uploaded'],
        [2, 'generating'],
      ]);
    });
  });
}

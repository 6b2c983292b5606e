import { beforeEach, describe, expect, it } from 'vitest';
import { IMAGE_STATUSES } from '../../domain/image';
import type { ImageRepository, StatusCounts } from '../image-repository.port';
import { at, imageSteps, version } from './image-repository.fixtures';

const none = (): StatusCounts => Object.fromEntries(IMAGE_STATUSES.map((s) => [s, 0])) as StatusCounts;

/** What the event dashboard counts: called inside imageRepositoryContract. */
export function imageCountsContract(getRepo: () => ImageRepository): void {
  const { createImage } = imageSteps(getRepo);
  let repo: ImageRepository;
  beforeEach(() => {
    repo = getRepo();
  });

  describe('counts', () => {
    it('when nothing is stored, then every status counts 0, every bucket 0 and there is no first version', async () => {
      expect(await repo.countByStatus('event')).toEqual(none());
      expect(await repo.countVersions('event', { from: at(0), widthMs: 60_000, count: 3 })).toEqual([
        0, 0, 0,
      ]);
      expect(await repo.firstVersionAt('participant-photo')).toBeNull();
    });

    it('when images move through the pipeline, then each kind counts its images per status', async () => {
      const photos = [await createImage(), await createImage(), await createImage()];
      const event = await createImage({ kind: 'event', owner: null });
      for (const image of [photos[0]!, photos[1]!, event]) await repo.addVersion(version(image.imageId, 0));
      await repo.setStatus({
        imageId: photos[1]!.imageId,
        version: 1,
        status: 'failed',
        reason: 'x',
        at: at(40),
      });
      expect(await repo.countByStatus('participant-photo')).toEqual({
        ...none(),
        empty: 1,
        uploaded: 1,
        failed: 1,
      });
      expect(await repo.countByStatus('event')).toEqual({ ...none(), uploaded: 1 });
    });

    it('when versions are uploaded over time, then each lands in its bucket once, replays and other kinds not counted', async () => {
      const a = await createImage();
      const b = await createImage();
      const event = await createImage({ kind: 'event', owner: null });
      await repo.addVersion(version(a.imageId, 0, { now: at(60), idempotencyKey: 'k1' }));
      await repo.addVersion(version(a.imageId, 0, { now: at(61), idempotencyKey: 'k1' }));
      await repo.addVersion(version(a.imageId, 1, { now: at(119.999) }));
      await repo.addVersion(version(b.imageId, 0, { now: at(120) }));
      await repo.addVersion(version(b.imageId, 1, { now: at(300) }));
      await repo.addVersion(version(event.imageId, 0, { now: at(65) }));
      const buckets = { from: at(60), widthMs: 60_000, count: 4 };
      expect(await repo.countVersions('participant-photo', buckets)).toEqual([2, 1, 0, 0]);
      expect(await repo.countVersions('event', buckets)).toEqual([1, 0, 0, 0]);
      expect(
        await repo.countVersions('participant-photo', { from: at(0), widthMs: 600_000, count: 1 }),
      ).toEqual([4]);
      expect(await repo.firstVersionAt('participant-photo')).toEqual(at(60));
      expect(await repo.firstVersionAt('event')).toEqual(at(65));
    });
  });
}

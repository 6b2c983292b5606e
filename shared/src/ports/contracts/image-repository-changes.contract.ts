import { beforeEach, describe, expect, it } from 'vitest';
import type { ImageRepository } from '../image-repository.port';
import { at, imageSteps, version } from './image-repository.fixtures';

/** What the operators' live stream reads: called inside imageRepositoryContract. */
export function imageChangesContract(getRepo: () => ImageRepository): void {
  const { createImage } = imageSteps(getRepo);
  let repo: ImageRepository;
  beforeEach(() => {
    repo = getRepo();
  });

  describe('changes', () => {
    it('when images of a kind change, then changedSince answers those changed at or after the time, oldest change first, at most the limit', async () => {
      const a = await createImage({ kind: 'event', owner: null, now: at(1000) });
      const b = await createImage({ kind: 'event', owner: null, now: at(1001) });
      const photo = await createImage({ now: at(1002) });
      await repo.addVersion(version(a.imageId, 0, { now: at(1003) }));
      await repo.addVersion(version(photo.imageId, 0, { now: at(1004) }));
      await repo.setStatus({
        imageId: a.imageId,
        version: 1,
        status: 'clustering',
        reason: null,
        at: at(1005),
      });

      expect((await repo.changedSince('event', at(1001), 10)).map((i) => i.imageId)).toEqual([
        b.imageId,
        a.imageId,
      ]);
      const [first] = await repo.changedSince('event', at(1001), 1);
      expect(first).toMatchObject({ imageId: b.imageId, status: 'empty' });
      expect(await repo.changedSince('event', at(1006), 10)).toEqual([]);
      const [changed] = await repo.changedSince('event', at(1005), 10);
      expect(changed).toMatchObject({ imageId: a.imageId, status: 'clustering', updatedAt: at(1005) });
      expect((await repo.changedSince('participant-photo', at(1000), 10)).map((i) => i.imageId)).toEqual([
        photo.imageId,
      ]);
    });
  });
}

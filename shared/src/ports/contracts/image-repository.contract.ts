import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { newImageId, newVisitorId } from '../../domain/ids';
import type { ImageRepository } from '../image-repository.port';
import { at, imageSteps } from './image-repository.fixtures';
import { imageChangesContract } from './image-repository-changes.contract';
import { imageCountsContract } from './image-repository-counts.contract';
import { imageVersionsContract } from './image-repository-versions.contract';

export interface ImageRepositoryFixture {
  repo: ImageRepository;
  teardown: () => Promise<void>;
}

/** The semantics every ImageRepository adapter must keep; run it against each one. */
export function imageRepositoryContract(name: string, setup: () => Promise<ImageRepositoryFixture>): void {
  describe(`ImageRepository contract: ${name}`, () => {
    let repo: ImageRepository;
    let teardown: () => Promise<void>;
    beforeEach(async () => {
      ({ repo, teardown } = await setup());
    });
    afterEach(async () => {
      await teardown();
    });
    const { createImage } = imageSteps(() => repo);

    describe('create and get', () => {
      it('when an image is created, then it is empty, at version 0, serving the original', async () => {
        const owner = newVisitorId();
        const image = await createImage({ owner, now: at(1) });
        const expected = {
          imageId: image.imageId,
          kind: 'participant-photo',
          ownerVisitorId: owner,
          currentVersion: 0,
          servedVariant: 'original',
          status: 'empty',
          statusReason: null,
          createdAt: at(1),
          updatedAt: at(1),
        };
        expect(image).toEqual(expected);
        expect(await repo.get(image.imageId)).toEqual(expected);
      });

      it('when the same creation key is used twice, then the second create returns the first image', async () => {
        const first = await createImage({ key: 'import-row-7', kind: 'event', owner: null });
        const second = await createImage({ key: 'import-row-7', now: at(99) });
        expect(second).toEqual(first);
        expect((await repo.list({}, { limit: 10 })).items).toEqual([first]);
      });

      it('when images have no creation key, then each create makes a new image', async () => {
        await createImage();
        await createImage();
        expect((await repo.list({}, { limit: 10 })).items).toHaveLength(2);
      });

      it('when the image is unknown, then get answers null', async () => {
        expect(await repo.get(newImageId())).toBeNull();
      });
    });

    describe('list', () => {
      it('when filtered by kind and owner, then newest first, paged, next null at the end', async () => {
        const owner = newVisitorId();
        const mine = [];
        for (let i = 0; i < 3; i++) mine.push(await createImage({ owner, now: at(100 + i) }));
        const event = await createImage({ kind: 'event', owner: null, now: at(110) });
        await createImage({ now: at(120) });

        const page1 = await repo.list({ ownerVisitorId: owner }, { limit: 2 });
        expect(page1.items).toEqual([mine[2], mine[1]]);
        const page2 = await repo.list({ ownerVisitorId: owner }, { limit: 2, after: page1.next });
        expect(page2).toEqual({ items: [mine[0]], next: null });
        expect(await repo.list({ kind: 'event' }, { limit: 5 })).toEqual({ items: [event], next: null });
        expect(
          (await repo.list({ kind: 'participant-photo', ownerVisitorId: owner }, { limit: 5 })).items,
        ).toEqual([...mine].reverse());
        expect((await repo.list({}, { limit: 10 })).items).toHaveLength(5);
      });

      it('when images share a createdAt, then paging returns each exactly once', async () => {
        const ids = [];
        for (let i = 0; i < 5; i++) ids.push((await createImage({ now: at(200) })).imageId);
        const seen: string[] = [];
        let after: string | null = null;
        do {
          const page = await repo.list({}, { limit: 2, after });
          seen.push(...page.items.map((image) => image.imageId));
          after = page.next;
        } while (after !== null);
        expect(seen.sort()).toEqual(ids.sort());
      });

      it('when nothing matches, then an empty last page; a malformed cursor rejects with "invalid cursor"', async () => {
        expect(await repo.list({ ownerVisitorId: newVisitorId() }, { limit: 5 })).toEqual({
          items: [],
          next: null,
        });
        await expect(repo.list({}, { limit: 5, after: '%%%' })).rejects.toMatchObject({
          code: 'REQUEST.INVALID_CURSOR',
        });
      });
    });

    imageVersionsContract(() => repo);
    imageCountsContract(() => repo);
    imageChangesContract(() => repo);
  });
}

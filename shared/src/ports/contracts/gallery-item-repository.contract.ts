import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { GalleryItem } from '../../domain/gallery';
import type { GalleryItemRepository } from '../gallery-item-repository.port';

const T0 = Date.parse('2026-03-01T10:00:00.000Z');
const at = (seconds: number): Date => new Date(T0 + seconds * 1000);

let counter = 0;
function newItem(over: Partial<GalleryItem> = {}): GalleryItem {
  counter += 1;
  return {
    itemId: `img_${String(counter).padStart(20, '0')}`,
    objectKey: `gallery/photo-${counter}.jpg`,
    generation: '1700000000000000',
    ownerUserId: null,
    createdAt: at(counter),
    ...over,
  };
}

/** The contract every GalleryItemRepository meets, embedded or cloud. */
export function galleryItemRepositoryContract(
  name: string,
  setup: () => Promise<{ repo: GalleryItemRepository; teardown: () => Promise<void> }>,
) {
  describe(`GalleryItemRepository contract: ${name}`, () => {
    let repo: GalleryItemRepository;
    let teardown: () => Promise<void>;
    beforeEach(async () => ({ repo, teardown } = await setup()));
    afterEach(() => teardown());

    it('when an item is added, then it reads back equal', async () => {
      const item = newItem({ ownerUserId: 'gu_owner' });
      expect(await repo.add(item)).toEqual({ created: true, item });
      expect(await repo.get(item.itemId)).toEqual(item);
      expect(await repo.get('img_00000000000000000000')).toBeNull();
    });

    it('when the same item is added twice, then the first stays and created is false', async () => {
      const item = newItem();
      await repo.add(item);
      expect(await repo.add({ ...item, generation: '2', createdAt: at(999) })).toEqual({
        created: false,
        item,
      });
    });

    it('when items are listed, then the newest come first, up to the limit', async () => {
      const items = [
        newItem({ createdAt: at(10) }),
        newItem({ createdAt: at(30) }),
        newItem({ createdAt: at(20) }),
      ];
      for (const item of items) await repo.add(item);
      expect((await repo.newest(2)).map((i) => i.itemId)).toEqual([items[1]!.itemId, items[2]!.itemId]);
      expect(await repo.newest(10)).toHaveLength(3);
    });

    it('when a user owns items, then ownedBy lists them, and clearOwner forgets the owner but keeps the items', async () => {
      const mine = [newItem({ ownerUserId: 'gu_me' }), newItem({ ownerUserId: 'gu_me' })];
      const other = newItem({ ownerUserId: 'gu_other' });
      for (const item of [...mine, other]) await repo.add(item);
      expect((await repo.ownedBy('gu_me')).sort()).toEqual(mine.map((i) => i.itemId).sort());
      expect(await repo.clearOwner('gu_me')).toBe(2);
      expect(await repo.ownedBy('gu_me')).toEqual([]);
      expect((await repo.get(mine[0]!.itemId))?.ownerUserId).toBeNull();
      expect(await repo.ownedBy('gu_other')).toEqual([other.itemId]);
    });

    it('when the catalog is paged, then every item comes once, by item id', async () => {
      const added = [newItem(), newItem(), newItem(), newItem(), newItem()];
      for (const item of [...added].reverse()) await repo.add(item);
      const seen: string[] = [];
      let after: string | null = null;
      do {
        const page: { items: GalleryItem[]; next: string | null } = await repo.page(after, 2);
        seen.push(...page.items.map((i) => i.itemId));
        after = page.next;
      } while (after);
      expect(seen).toEqual(added.map((i) => i.itemId).sort());
      expect((await repo.page(null, 10)).next).toBeNull();
    });
  });
}

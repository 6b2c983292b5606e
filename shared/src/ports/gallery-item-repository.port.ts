import type { GalleryItem } from '../domain/gallery';

/** The gallery catalog: images an operator copied under the gallery prefix. */
export interface GalleryItemRepository {
  /** Adds the item unless its id exists; either way returns the stored item. */
  add(item: GalleryItem): Promise<{ created: boolean; item: GalleryItem }>;
  get(itemId: string): Promise<GalleryItem | null>;
  /** Newest first, at most `limit`. */
  newest(limit: number): Promise<GalleryItem[]>;
  /** Ids of the items the user contributed. */
  ownedBy(userId: string): Promise<string[]>;
  /** Forgets the user as an owner (their items stay in the catalog); returns how many items changed. */
  clearOwner(userId: string): Promise<number>;
  /** Every item, by item id, a page at a time (`after`: the last id of the previous page): for the reconciler. */
  page(after: string | null, limit: number): Promise<{ items: GalleryItem[]; next: string | null }>;
}

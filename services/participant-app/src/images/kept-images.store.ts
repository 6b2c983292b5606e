import { openDB, type DBSchema, type IDBPDatabase } from 'idb';

/**
 * An image's bytes as fetched through its one-time URL. The URL works once, so the bytes are kept here: a reload,
 * going offline or scrolling back shows them without asking for a new URL.
 */
export interface KeptImage {
  imageId: string;
  /** The image's kind (my photo, an event photo, a look): what the app calls it, offline too. */
  kind: string;
  version: number;
  variant: string;
  contentType: string;
  bytes: Blob;
  keptAt: number;
}

export interface KeptImagesStore {
  get(imageId: string): Promise<KeptImage | undefined>;
  /** Every kept image (what the app shows offline, before the list of my images answers). */
  list(): Promise<KeptImage[]>;
  /**
   * Keeps the image, replacing what is kept of it, unless a higher version is kept already (a slow fetch finishing
   * after a faster one). Answers what is kept afterwards.
   */
  keep(image: KeptImage): Promise<KeptImage>;
  /** Forgets every image (another participant's token arrived, or the participant left this device). */
  clear(): Promise<void>;
  close(): void;
}

interface ImagesDb extends DBSchema {
  images: { key: string; value: KeptImage };
}

export const IMAGES_DB = 'participant-images';

export async function openKeptImagesStore(name = IMAGES_DB): Promise<KeptImagesStore> {
  const db: IDBPDatabase<ImagesDb> = await openDB<ImagesDb>(name, 1, {
    upgrade(d) {
      d.createObjectStore('images', { keyPath: 'imageId' });
    },
  });
  return {
    get: (imageId) => db.get('images', imageId),
    list: () => db.getAll('images'),
    async keep(image) {
      const tx = db.transaction('images', 'readwrite');
      const kept = await tx.store.get(image.imageId);
      const winner = kept && kept.version > image.version ? kept : image;
      if (winner === image) await tx.store.put(image);
      await tx.done;
      return winner;
    },
    async clear() {
      await db.clear('images');
    },
    close: () => db.close(),
  };
}

/** The same store in memory, for this page only, where IndexedDB is unavailable (some private modes). */
export function memoryKeptImagesStore(): KeptImagesStore {
  const images = new Map<string, KeptImage>();
  return {
    get: (imageId) => Promise.resolve(images.get(imageId)),
    list: () => Promise.resolve([...images.values()]),
    keep(image) {
      const kept = images.get(image.imageId);
      const winner = kept && kept.version > image.version ? kept : image;
      images.set(image.imageId, winner);
      return Promise.resolve(winner);
    },
    clear() {
      images.clear();
      return Promise.resolve();
    },
    close() {},
  };
}

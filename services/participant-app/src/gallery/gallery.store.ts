import { openDB, type IDBPDatabase } from 'idb';

/** The gallery user this participant made, as this device knows it: what "delete my data" erases on the server. */
export interface KeptGalleryUser {
  userId: string;
  expression: string;
  /** Until when the face is recognisable (ISO), or null when none is kept. */
  faceExpiresAt: string | null;
}

export interface GalleryStore {
  read(): Promise<KeptGalleryUser | null>;
  write(user: KeptGalleryUser): Promise<void>;
  clear(): Promise<void>;
  close(): void;
}

export const GALLERY_DB = 'participant-gallery';

export async function openGalleryStore(name = GALLERY_DB): Promise<GalleryStore> {
  const db: IDBPDatabase = await openDB(name, 1, {
    upgrade(d) {
      d.createObjectStore('gallery');
    },
  });
  return {
    async read() {
      return ((await db.get('gallery', 'user')) as KeptGalleryUser | undefined) ?? null;
    },
    async write(user) {
      await db.put('gallery', user, 'user');
    },
    async clear() {
      await db.delete('gallery', 'user');
    },
    close: () => db.close(),
  };
}

/** For this page only, where IndexedDB is unavailable. */
export function memoryGalleryStore(): GalleryStore {
  let kept: KeptGalleryUser | null = null;
  return {
    read: () => Promise.resolve(kept),
    write(user) {
      kept = user;
      return Promise.resolve();
    },
    clear() {
      kept = null;
      return Promise.resolve();
    },
    close() {},
  };
}

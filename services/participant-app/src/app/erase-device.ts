import { SESSION_DB } from '../join/token.store';
import { IMAGES_DB } from '../images/kept-images.store';
import { GALLERY_DB } from '../gallery/gallery.store';
import type { DeviceStores } from './boot';

/** Every IndexedDB database the app keeps: the token and code, the kept images, the gallery user. */
export const APP_DATABASES = [SESSION_DB, IMAGES_DB, GALLERY_DB] as const;

export interface EraseDeviceDeps {
  stores: DeviceStores;
  /** Erases the gallery user on the server (nothing when the device knows none); a failure stops the erasure. */
  eraseGalleryUser: () => Promise<void>;
  /** Forgets the push subscription on the server and in the browser. */
  turnPushOff: () => Promise<void>;
  /** Drops the browser's push subscription even when the server could not be told. */
  dropPushSubscription: () => Promise<void>;
  indexedDB: Pick<IDBFactory, 'deleteDatabase'>;
  caches: Pick<CacheStorage, 'keys' | 'delete'> | null;
}

/**
 * "Delete my data": the gallery user on the server first (while the token that may erase it is still on the
 * device: if that fails, nothing here is touched and the person can try again), then the push subscription, then
 * every database and cache of the app on this device.
 */
export async function eraseMyData(deps: EraseDeviceDeps): Promise<void> {
  await deps.eraseGalleryUser();
  await deps.turnPushOff().catch(async (err: unknown) => {
    console.warn('the server could not be told to stop pushing; the subscription goes anyway', err);
    await deps.dropPushSubscription();
  });
  for (const store of Object.values(deps.stores)) store.close();
  await Promise.all(APP_DATABASES.map((name) => deleteDatabase(deps.indexedDB, name)));
  if (deps.caches) for (const key of await deps.caches.keys()) await deps.caches.delete(key);
}

function deleteDatabase(factory: EraseDeviceDeps['indexedDB'], name: string): Promise<void> {
  return new Promise((resolve, reject) => {
    const request = factory.deleteDatabase(name);
    request.onsuccess = () => resolve();
    request.onerror = () => reject(request.error ?? new Error(`${name} could not be deleted`));
  });
}

import 'fake-indexeddb/auto';
import { describe, expect, it } from 'vitest';
import { openKeptImagesStore } from '../images/kept-images.store';
import { openGalleryStore } from '../gallery/gallery.store';
import { openTokenStore } from '../join/token.store';
import type { DeviceStores } from './boot';
import { eraseMyData, type EraseDeviceDeps } from './erase-device';

async function device(): Promise<DeviceStores> {
  const stores = {
    token: await openTokenStore(),
    images: await openKeptImagesStore(),
    gallery: await openGalleryStore(),
  };
  await stores.token.write('pt_aaaaaaaaaaaaaaaaaaaa');
  await stores.gallery.write({
    userId: 'gu_aaaaaaaaaaaaaaaaaaaaaaaaaa',
    expression: 'happy',
    faceExpiresAt: null,
  });
  return stores;
}

function deps(stores: DeviceStores, steps: string[], over: Partial<EraseDeviceDeps> = {}): EraseDeviceDeps {
  const cached = new Set(['workbox-precache-v2', 'images']);
  return {
    stores,
    eraseGalleryUser: async () => void steps.push('gallery'),
    turnPushOff: async () => void steps.push('push'),
    dropPushSubscription: async () => void steps.push('drop'),
    indexedDB,
    caches: {
      keys: async () => [...cached],
      delete: async (key: string) => (steps.push(`cache:${key}`), cached.delete(key)),
    },
    ...over,
  };
}

describe('delete my data on the device', () => {
  it('when it runs, then the gallery user goes first, then push, and every database and cache of the app', async () => {
    const steps: string[] = [];
    await eraseMyData(deps(await device(), steps));
    expect(steps).toEqual(['gallery', 'push', 'cache:workbox-precache-v2', 'cache:images']);
    const token = await openTokenStore();
    const gallery = await openGalleryStore();
    expect(await token.read()).toBeNull();
    expect(await gallery.read()).toBeNull();
    token.close();
    gallery.close();
  });

  it('when the server cannot erase the gallery user, then nothing on the device is touched', async () => {
    const steps: string[] = [];
    const stores = await device();
    const failing = deps(stores, steps, {
      eraseGalleryUser: () => Promise.reject(new Error('offline')),
    });
    await expect(eraseMyData(failing)).rejects.toThrow('offline');
    expect(steps).toEqual([]);
    expect(await stores.token.read()).toBe('pt_aaaaaaaaaaaaaaaaaaaa');
    for (const store of Object.values(stores)) store.close();
  });

  it('when the server cannot be told to stop pushing, then the browser subscription is dropped anyway', async () => {
    const steps: string[] = [];
    await eraseMyData(deps(await device(), steps, { turnPushOff: () => Promise.reject(new Error('401')) }));
    expect(steps.slice(0, 2)).toEqual(['gallery', 'drop']);
  });
});

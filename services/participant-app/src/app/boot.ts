import { loadPublicRuntimeConfig, type PublicRuntimeConfig } from '@photo/web/config/runtime-config';
import type { FragmentToken } from '../join/join-link';
import { memoryTokenStore, openTokenStore, type TokenStore } from '../join/token.store';
import {
  memoryKeptImagesStore,
  openKeptImagesStore,
  type KeptImagesStore,
} from '../images/kept-images.store';
import { memoryGalleryStore, openGalleryStore, type GalleryStore } from '../gallery/gallery.store';

/** The device's stores: the participant's token, the images kept for them, and their gallery user. */
export interface DeviceStores {
  token: TokenStore;
  images: KeptImagesStore;
  gallery: GalleryStore;
}

export type Boot =
  | { kind: 'config-failed' }
  | { kind: 'join'; config: PublicRuntimeConfig; stores: DeviceStores; badLink: boolean }
  | { kind: 'ready'; config: PublicRuntimeConfig; stores: DeviceStores; token: string };

/**
 * Starts the app: keeps a token that came in the address (replacing another participant's, whose kept images then
 * go), reads the config, and answers whether there is a token to use.
 */
export async function boot(fromAddress: FragmentToken): Promise<Boot> {
  const stores = await openStores();
  if (fromAddress.token) await adoptToken(stores, fromAddress.token);
  let config: PublicRuntimeConfig;
  try {
    config = await loadPublicRuntimeConfig();
  } catch (err) {
    console.error(err);
    return { kind: 'config-failed' };
  }
  const token = fromAddress.token ?? (await stores.token.read());
  if (!token) return { kind: 'join', config, stores, badLink: fromAddress.present };
  return { kind: 'ready', config, stores, token };
}

/** Keeps a token on the device; another participant's kept images are forgotten with theirs. */
export async function adoptToken(stores: DeviceStores, token: string): Promise<void> {
  const { replaced } = await stores.token.write(token);
  if (replaced) await Promise.all([stores.images.clear(), stores.gallery.clear()]);
}

/** Forgets this device's participant: token, check-in code, kept images and gallery user. */
export async function forgetParticipant(stores: DeviceStores): Promise<void> {
  await stores.token.clear();
  await Promise.all([stores.images.clear(), stores.gallery.clear()]);
}

async function openStores(): Promise<DeviceStores> {
  const [token, images, gallery] = await Promise.all([
    openTokenStore().catch((err: unknown) => {
      console.warn('IndexedDB unavailable: the token is kept for this page only', err);
      return memoryTokenStore();
    }),
    openKeptImagesStore().catch(() => memoryKeptImagesStore()),
    openGalleryStore().catch(() => memoryGalleryStore()),
  ]);
  return { token, images, gallery };
}

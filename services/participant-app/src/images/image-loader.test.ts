import 'fake-indexeddb/auto';
import { afterEach, describe, expect, it } from 'vitest';
import { createImageLoader, type ImageRef } from './image-loader';
import { openKeptImagesStore, type KeptImagesStore } from './kept-images.store';

let seq = 0;
const opened: KeptImagesStore[] = [];
afterEach(() => {
  for (const s of opened.splice(0)) s.close();
});

/** An image server whose links work once, as the real one's do, counting what was issued and redeemed. */
function fakeServer(served: Map<string, { version: number; variant: string }>) {
  const links = new Map<string, { imageId: string; version: number; variant: string; used: boolean }>();
  const counts = { issued: 0, redeemed: 0 };
  return {
    counts,
    issue(imageId: string) {
      counts.issued++;
      const now = served.get(imageId)!;
      const url = `https://images.example/i/${counts.issued}`;
      links.set(url, { imageId, ...now, used: false });
      return Promise.resolve({ url, ...now });
    },
    fetchOnce(url: string) {
      const link = links.get(url);
      if (!link || link.used) return Promise.reject(new Error('410 TOKEN.USED'));
      link.used = true;
      counts.redeemed++;
      return Promise.resolve(
        new Blob([`${link.imageId}@${link.version}/${link.variant}`], { type: 'image/jpeg' }),
      );
    },
  };
}

async function setup(name = `images-${++seq}`) {
  const store = await openKeptImagesStore(name);
  opened.push(store);
  const served = new Map([['i_1', { version: 1, variant: 'original' }]]);
  const server = fakeServer(served);
  const loader = createImageLoader({ store, issue: server.issue, fetchOnce: server.fetchOnce });
  return { store, served, server, loader, name };
}

const ref = (currentVersion: number, servedVariant = 'original'): ImageRef => ({
  imageId: 'i_1',
  kind: 'participant-photo',
  currentVersion,
  servedVariant,
});

describe('image loader', () => {
  it('when an image is loaded, then its bytes are kept and a later load (a reload) redeems no new URL', async () => {
    const { server, loader, name } = await setup();
    const first = await loader.load(ref(1));
    expect(await first.bytes.text()).toBe('i_1@1/original');
    opened[0]!.close();
    const reopened = await openKeptImagesStore(name);
    opened.push(reopened);
    const again = createImageLoader({ store: reopened, issue: server.issue, fetchOnce: server.fetchOnce });
    expect(await (await again.load(ref(1))).bytes.text()).toBe('i_1@1/original');
    expect(server.counts).toEqual({ issued: 1, redeemed: 1 });
  });

  it('when the same rendering is asked for many times at once, then one URL is issued and redeemed', async () => {
    const { server, loader } = await setup();
    const all = await Promise.all([loader.load(ref(1)), loader.load(ref(1)), loader.load(ref(1))]);
    expect(new Set(all.map((k) => k.version))).toEqual(new Set([1]));
    expect(server.counts).toEqual({ issued: 1, redeemed: 1 });
  });

  it('when a new version or a new served variant appears, then it replaces the kept one', async () => {
    const { server, served, loader, store } = await setup();
    await loader.load(ref(1));
    served.set('i_1', { version: 2, variant: 'original' });
    await loader.load(ref(2));
    served.set('i_1', { version: 2, variant: 'clustered' });
    const kept = await loader.load(ref(2, 'clustered'));
    expect(await kept.bytes.text()).toBe('i_1@2/clustered');
    expect(await (await store.get('i_1'))!.bytes.text()).toBe('i_1@2/clustered');
    expect(server.counts).toEqual({ issued: 3, redeemed: 3 });
  });

  it('when a slow fetch of an older version finishes last, then the newer kept version stays', async () => {
    const { store } = await setup();
    const bytes = (text: string) => new Blob([text], { type: 'image/jpeg' });
    const base = { imageId: 'i_1', kind: 'look', variant: 'original', contentType: 'image/jpeg', keptAt: 0 };
    await store.keep({ ...base, version: 3, bytes: bytes('v3') });
    const kept = await store.keep({ ...base, version: 2, bytes: bytes('v2') });
    expect(kept.version).toBe(3);
    expect(await (await store.get('i_1'))!.bytes.text()).toBe('v3');
  });

  it('when the list is older than what is kept, then nothing is fetched', async () => {
    const { server, served, loader } = await setup();
    served.set('i_1', { version: 2, variant: 'original' });
    await loader.load(ref(2));
    await loader.load(ref(1));
    expect(server.counts).toEqual({ issued: 1, redeemed: 1 });
  });

  it('when the store is cleared, then nothing is kept', async () => {
    const { loader, store } = await setup();
    await loader.load(ref(1));
    await store.clear();
    expect(await loader.kept('i_1')).toBeUndefined();
  });
});

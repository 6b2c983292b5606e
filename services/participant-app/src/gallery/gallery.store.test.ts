import 'fake-indexeddb/auto';
import { describe, expect, it } from 'vitest';
import { openGalleryStore } from './gallery.store';

describe('gallery store', () => {
  it('when the gallery user is written, then a store opened later on the same device reads it', async () => {
    const first = await openGalleryStore('gallery-1');
    expect(await first.read()).toBeNull();
    const user = { userId: 'gu_aaaaaaaaaaaaaaaaaaaaaaaaaa', expression: 'happy', faceExpiresAt: null };
    await first.write(user);
    first.close();
    const again = await openGalleryStore('gallery-1');
    expect(await again.read()).toEqual(user);
    again.close();
  });
});

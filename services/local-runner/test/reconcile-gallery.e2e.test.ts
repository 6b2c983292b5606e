import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { blocksPng } from '@photo/shared/testing/images';
import { itemIdOf } from '@photo/gallery-api/handlers/catalog-object.handler';
import { startHarness, type Harness } from './harness';

/**
 * The reconciler's gallery pass in the running system: a gallery object whose announcement was lost (the copy
 * committed, the process died before publishing) is announced again and catalogued by the usual path, and the
 * faces of a user who no longer exists are deleted.
 */
describe('the reconciler on the gallery (embedded)', () => {
  let h: Harness;
  /** Moved on while a pass runs, so what the test just wrote is past the safety window. */
  let ahead = 0;
  const passLater = async () => {
    ahead = 600_000;
    try {
      return await h.system.reconciler.runOnce();
    } finally {
      ahead = 0;
    }
  };

  beforeAll(async () => {
    h = await startHarness({
      env: { RECONCILE_INTERVAL_SECONDS: '0', RECONCILE_SAFETY_WINDOW_SECONDS: '60' },
      clock: { now: () => new Date(Date.now() + ahead) },
    });
  }, 60_000);
  afterAll(() => h.stop());

  it('when a gallery object was never announced and faces outlived their user, then a pass catalogues the object and deletes the faces', async () => {
    const key = 'gallery/lost-announcement.png';
    await h.system.adapters.blobs.put(
      key,
      await blocksPng(64, 48, [
        [200, 40, 40],
        [30, 160, 90],
      ]),
      { contentType: 'image/png' },
    );
    const { faces, items } = h.system.gallery.gallery;
    await faces.index({
      userId: 'gu_erased_meanwhile',
      probe: { descriptor: Array.from({ length: 128 }, () => 0.1), imagePath: null },
      indexedAt: new Date(),
      expiresAt: new Date(Date.now() + 86_400_000),
    });

    const pass = await passLater();
    await h.settle();

    expect(pass.gallery).toMatchObject({
      uncatalogued: [key],
      reannounced: 1,
      orphanFaceUsers: ['gu_erased_meanwhile'],
      orphanFacesRemoved: 1,
    });
    expect(await items.get(itemIdOf('images', key))).toMatchObject({ objectKey: key });
    expect((await passLater()).gallery).toMatchObject({
      uncatalogued: [],
      orphanFaceUsers: [],
    });
  });
});

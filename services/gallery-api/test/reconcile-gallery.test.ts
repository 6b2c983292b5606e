import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { FsBlobStore } from '@photo/shared/adapters/fs/blob-store.fs';
import { openDatabase, type SqliteDatabase } from '@photo/shared/adapters/sqlite/database';
import { SqliteFaceIndex } from '@photo/shared/adapters/sqlite/face-index.sqlite';
import { SqliteGalleryItemRepository } from '@photo/shared/adapters/sqlite/gallery-item-repository.sqlite';
import { SqliteGalleryUserRepository } from '@photo/shared/adapters/sqlite/gallery-user-repository.sqlite';
import { galleryObjectAdded } from '@photo/shared/events/catalog';
import type { OutgoingMessage } from '@photo/shared/ports/event-bus.port';
import { itemIdOf } from '../src/handlers/catalog-object.handler';
import { reconcileGallery, type GalleryReconcileDeps } from '../src/use-cases/reconcile-gallery';

const HOUR = 3600_000;
const descriptor = Array.from({ length: 128 }, (_, i) => (i === 0 ? 1 : 0));

let dir: string;
let db: SqliteDatabase;
let deps: GalleryReconcileDeps & {
  items: SqliteGalleryItemRepository;
  users: SqliteGalleryUserRepository;
  faces: SqliteFaceIndex;
};
let published: { topic: string; message: OutgoingMessage }[];
/** The reconciler's clock: two hours on, so everything written now is past the one-hour window. */
let now: Date;

const options = (repair: boolean) => ({
  safetyWindowSeconds: 3600,
  repair,
  bucket: 'images',
  galleryPrefix: 'gallery/',
});
const put = (key: string) => deps.blobs.put(key, Buffer.from('jpeg bytes'), { contentType: 'image/jpeg' });
const catalogue = (key: string) =>
  deps.items.add({
    itemId: itemIdOf('images', key),
    objectKey: key,
    generation: '1',
    ownerUserId: null,
    createdAt: new Date(),
  });
const addUser = (userId: string) =>
  deps.users.create({
    userId,
    expression: 'happy',
    faceExpiresAt: new Date(Date.now() + 30 * 24 * HOUR),
    createdAt: new Date(),
    updatedAt: new Date(),
  });
const indexFace = (userId: string) =>
  deps.faces.index({
    userId,
    probe: { descriptor, imagePath: null },
    indexedAt: new Date(),
    expiresAt: new Date(Date.now() + 30 * 24 * HOUR),
  });

beforeEach(async () => {
  dir = await mkdtemp(join(tmpdir(), 'reconcile-gallery-'));
  db = openDatabase(join(dir, 'store.db'));
  published = [];
  now = new Date(Date.now() + 2 * HOUR);
  deps = {
    blobs: new FsBlobStore(join(dir, 'bucket')),
    items: new SqliteGalleryItemRepository(db),
    users: new SqliteGalleryUserRepository(db),
    faces: new SqliteFaceIndex(db, 0.5),
    publisher: {
      publish: async (topic, message) => {
        published.push({ topic, message });
        return `m${published.length}`;
      },
    },
    clock: { now: () => now },
  };
});
afterEach(async () => {
  db.close();
  await rm(dir, { recursive: true, force: true });
});

describe('reconcileGallery', () => {
  it('when a gallery object has no catalog item, then it is reported and announced again as a new gallery object', async () => {
    await put('gallery/a.jpg');
    await put('gallery/b.jpg');
    await catalogue('gallery/b.jpg');
    await put('originals/img_1/v1/original');

    const report = await reconcileGallery(deps, options(true));

    expect(report.uncatalogued).toEqual(['gallery/a.jpg']);
    expect(report.reannounced).toBe(1);
    expect(report.objectsSeen).toBe(2);
    expect(published).toHaveLength(1);
    expect(published[0]!.topic).toBe(galleryObjectAdded.topic);
    expect(published[0]!.message.orderingKey).toBe('gallery/a.jpg');
    const event = galleryObjectAdded.schema.parse(JSON.parse(published[0]!.message.data.toString()));
    expect(event).toMatchObject({ objectKey: 'gallery/a.jpg', bucket: 'images', ownerUserId: null });
  });

  it('when an uncatalogued object is younger than the window, then it is left to the announcement on its way', async () => {
    await put('gallery/new.jpg');
    now = new Date();
    const report = await reconcileGallery(deps, options(true));
    expect(report.uncatalogued).toEqual([]);
    expect(published).toEqual([]);
  });

  it('when a catalog item has lost its object, then it is reported and the item is kept', async () => {
    await catalogue('gallery/gone.jpg');
    const report = await reconcileGallery(deps, options(true));
    expect(report.missingObjects).toEqual([
      { itemId: itemIdOf('images', 'gallery/gone.jpg'), objectKey: 'gallery/gone.jpg' },
    ]);
    expect(await deps.items.get(itemIdOf('images', 'gallery/gone.jpg'))).not.toBeNull();
  });

  it('when faces remain of a user who no longer exists, then they are deleted and a living user keeps theirs', async () => {
    await addUser('gu_alive');
    await indexFace('gu_alive');
    await indexFace('gu_erased');
    await indexFace('gu_erased');

    const report = await reconcileGallery(deps, options(true));

    expect(report.orphanFaceUsers).toEqual(['gu_erased']);
    expect(report.orphanFacesRemoved).toBe(2);
    expect(await deps.faces.indexedUserIds()).toEqual(['gu_alive']);
  });

  it('when only reporting, then nothing is announced or deleted', async () => {
    await put('gallery/a.jpg');
    await indexFace('gu_erased');
    const report = await reconcileGallery(deps, options(false));
    expect(report.uncatalogued).toEqual(['gallery/a.jpg']);
    expect(report.orphanFaceUsers).toEqual(['gu_erased']);
    expect(report.reannounced + report.orphanFacesRemoved).toBe(0);
    expect(published).toEqual([]);
    expect(await deps.faces.indexedUserIds()).toEqual(['gu_erased']);
  });
});

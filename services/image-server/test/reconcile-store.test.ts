import { Storage } from '@google-cloud/storage';
import { randomUUID } from 'node:crypto';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { FirestoreImageRepository } from '@photo/shared/adapters/firestore/image-repository.firestore';
import { FsBlobStore } from '@photo/shared/adapters/fs/blob-store.fs';
import { GcsBlobStore } from '@photo/shared/adapters/gcp/blob-store.gcs';
import { openDatabase } from '@photo/shared/adapters/sqlite/database';
import { SqliteImageRepository } from '@photo/shared/adapters/sqlite/image-repository.sqlite';
import { newImageId } from '@photo/shared/domain/ids';
import type { BlobStore } from '@photo/shared/ports/blob-store.port';
import type { ImageRepository } from '@photo/shared/ports/image-repository.port';
import { cloudSuitesEnabled, firestoreForFile } from '@photo/shared/testing/emulators';
import { startFakeGcsServer, type FakeGcsServer } from '@photo/shared/testing/fake-gcs-server';
import { tempDir } from '@photo/shared/testing/system-under-test';
import { reconcileStore } from '../src/use-cases/reconcile-store';

const HOUR = 3600_000;
const later = (ms: number) => ({ now: () => new Date(Date.now() + ms) });
const window = { safetyWindowSeconds: 3600 };

/** An image with one recorded original whose object is stored, as a finished upload leaves it. */
async function storedImage(images: ImageRepository, blobs: BlobStore) {
  const imageId = newImageId();
  await images.create({ imageId, kind: 'event', ownerVisitorId: null, creationKey: null, now: new Date() });
  const blobKey = `originals/${imageId}/v1/original-${randomUUID()}`;
  await blobs.put(blobKey, Buffer.from('pixels'), { contentType: 'image/jpeg' });
  const meta = { contentType: 'image/jpeg', bytes: 6, sha256: 'x', width: 1, height: 1 };
  await images.addVersion({
    imageId,
    expectedVersion: 0,
    idempotencyKey: null,
    original: { blobKey, ...meta },
    now: new Date(),
  });
  return { imageId, blobKey };
}

function reconcilerSuite(name: string, open: () => Promise<{ images: ImageRepository; blobs: BlobStore }>) {
  describe(`reconcileStore: ${name}`, () => {
    it('when an object no record refers to is older than the window, then it is removed and the rest stays', async () => {
      const { images, blobs } = await open();
      const kept = await storedImage(images, blobs);
      // A crash after the put and before the version commit: the retry stored another object, this one is litter.
      const orphan = `originals/${kept.imageId}/v1/original-${randomUUID()}`;
      await blobs.put(orphan, Buffer.from('lost'), { contentType: 'image/jpeg' });
      const uploadDerivative = `derived/uploads/u_1/r256-jpeg-${randomUUID()}`;
      await blobs.put(uploadDerivative, Buffer.from('not ours'), { contentType: 'image/jpeg' });

      const young = await reconcileStore(
        { images, blobs, clock: later(0) },
        { ...window, removeOrphans: true },
      );
      expect(young.orphans).toEqual([]);

      const report = await reconcileStore(
        { images, blobs, clock: later(2 * HOUR) },
        { ...window, removeOrphans: true },
      );
      expect(report).toMatchObject({ orphans: [orphan], orphansRemoved: 1, missing: [] });
      expect(await blobs.stat(orphan)).toBeNull();
      expect(await blobs.stat(kept.blobKey)).not.toBeNull();
      expect(await blobs.stat(uploadDerivative)).not.toBeNull();
    });

    it('when removal is off, then orphans are reported and stay', async () => {
      const { images, blobs } = await open();
      const orphan = `originals/${newImageId()}/v1/original-${randomUUID()}`;
      await blobs.put(orphan, Buffer.from('lost'), { contentType: 'image/jpeg' });
      const report = await reconcileStore(
        { images, blobs, clock: later(2 * HOUR) },
        { ...window, removeOrphans: false },
      );
      expect(report.orphans).toContain(orphan);
      expect(report.orphansRemoved).toBe(0);
      expect(await blobs.stat(orphan)).not.toBeNull();
    });

    it('when a recorded variant has lost its object, then it is reported once old and the record stays', async () => {
      const { images, blobs } = await open();
      const image = await storedImage(images, blobs);
      await blobs.delete(image.blobKey);

      const young = await reconcileStore(
        { images, blobs, clock: later(0) },
        { ...window, removeOrphans: true },
      );
      expect(young.missing).toEqual([]);
      const report = await reconcileStore(
        { images, blobs, clock: later(2 * HOUR) },
        { ...window, removeOrphans: true },
      );
      expect(report.missing).toContainEqual({
        imageId: image.imageId,
        version: 1,
        variant: 'original',
        blobKey: image.blobKey,
      });
      expect(await images.listVariants(image.imageId)).toHaveLength(1);
    });
  });
}

describe('embedded (SQLite and the filesystem bucket)', () => {
  let dir: Awaited<ReturnType<typeof tempDir>>;
  beforeAll(async () => (dir = await tempDir('reconcile-')));
  afterAll(() => dir.remove());
  reconcilerSuite('SQLite + filesystem', async () => {
    const root = join(dir.dir, randomUUID());
    return {
      images: new SqliteImageRepository(openDatabase(join(root, 'db.sqlite'))),
      blobs: new FsBlobStore(join(root, 'bucket')),
    };
  });
});

describe.skipIf(!cloudSuitesEnabled())('cloud (Firestore emulator and the Cloud Storage JSON API)', () => {
  const firestore = firestoreForFile();
  let fake: FakeGcsServer;
  beforeAll(async () => (fake = await startFakeGcsServer()));
  afterAll(() => fake.close());
  reconcilerSuite('Firestore + Cloud Storage', async () => {
    const bucket = `bucket-${randomUUID()}`;
    fake.createBucket(bucket);
    return {
      images: new FirestoreImageRepository(firestore.db(), {
        collectionPrefix: firestore.collectionPrefix(),
      }),
      blobs: new GcsBlobStore(new Storage({ apiEndpoint: fake.url, projectId: 'test' }), bucket),
    };
  });
});

import { describe, expect, it } from 'vitest';
import { newImageId } from '../../domain/ids';
import { imageRepositoryContract } from '../../ports/contracts/image-repository.contract';
import { cloudSuitesEnabled, firestoreForFile, firestoreForTest } from '../../testing/emulators';
import { FirestoreImageRepository } from './image-repository.firestore';

const original = { blobKey: 'k', contentType: 'image/png', bytes: 1, sha256: 's', width: 1, height: 1 };
const newImage = (creationKey: string | null = null) => ({
  imageId: newImageId(),
  kind: 'event' as const,
  ownerVisitorId: null,
  creationKey,
  now: new Date(),
});

describe.skipIf(!cloudSuitesEnabled())('firestore emulator', () => {
  const firestore = firestoreForFile();
  const newRepo = (collectionPrefix = firestore.collectionPrefix()) =>
    new FirestoreImageRepository(firestore.db(), { collectionPrefix });

  imageRepositoryContract('firestore', async () => ({ repo: newRepo(), teardown: async () => {} }));

  it('when two clients upload on the same expected version, then the second sees a conflict', async () => {
    const collectionPrefix = firestore.collectionPrefix();
    const second = firestoreForTest({ projectId: firestore.projectId() });
    try {
      const a = newRepo(collectionPrefix);
      const b = new FirestoreImageRepository(second.db, { collectionPrefix });
      const { imageId } = await a.create(newImage());
      const input = { imageId, expectedVersion: 0, idempotencyKey: null, original, now: new Date() };
      expect((await a.addVersion(input)).outcome).toBe('created');
      expect(await b.addVersion(input)).toEqual({ outcome: 'conflict', currentVersion: 1 });
    } finally {
      await second.cleanup();
    }
  });

  it('when a create reuses an image id under another creation key, then it fails rather than absorb it', async () => {
    const repo = newRepo();
    const image = newImage('a');
    await repo.create(image);
    await expect(repo.create({ ...image, creationKey: 'b' })).rejects.toThrow('another creation key');
  });

  it('when a version is added, then its variant, key and status event live under the image document', async () => {
    const collectionPrefix = firestore.collectionPrefix();
    const repo = newRepo(collectionPrefix);
    const { imageId } = await repo.create(newImage());
    const now = new Date();
    await repo.addVersion({ imageId, expectedVersion: 0, idempotencyKey: 'k/with/slashes', original, now });
    const image = firestore.db().collection(`${collectionPrefix}images`).doc(imageId);
    const children = await image.listCollections();
    expect(children.map((c) => c.id).sort()).toEqual(['statusEvents', 'variants', 'versionKeys']);
    expect((await image.collection('variants').doc('1-original').get()).exists).toBe(true);
  });
});

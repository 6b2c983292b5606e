import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { expect, it } from 'vitest';
import { newImageId } from '../../domain/ids';
import { imageRepositoryContract } from '../../ports/contracts/image-repository.contract';
import { openDatabase } from './database';
import { SqliteImageRepository } from './image-repository.sqlite';

async function openTempDatabase() {
  const dir = await mkdtemp(join(tmpdir(), 'images-'));
  const file = join(dir, 'test.db');
  const db = openDatabase(file);
  const teardown = async () => {
    db.close();
    await rm(dir, { recursive: true, force: true });
  };
  return { db, file, teardown };
}

imageRepositoryContract('sqlite', async () => {
  const { db, teardown } = await openTempDatabase();
  return { repo: new SqliteImageRepository(db), teardown };
});

it('when two connections upload on the same expected version, then the second sees a conflict', async () => {
  const { db, file, teardown } = await openTempDatabase();
  const other = openDatabase(file);
  try {
    const a = new SqliteImageRepository(db);
    const b = new SqliteImageRepository(other);
    const now = new Date();
    const { imageId } = await a.create({
      imageId: newImageId(),
      kind: 'event',
      ownerVisitorId: null,
      creationKey: null,
      now,
    });
    const original = { blobKey: 'k', contentType: 'image/png', bytes: 1, sha256: 's', width: 1, height: 1 };
    const input = { imageId, expectedVersion: 0, idempotencyKey: null, original, now };
    expect((await a.addVersion(input)).outcome).toBe('created');
    expect(await b.addVersion(input)).toEqual({ outcome: 'conflict', currentVersion: 1 });
  } finally {
    other.close();
    await teardown();
  }
});

it('when a create reuses an image id under another creation key, then it fails rather than absorb it', async () => {
  const { db, teardown } = await openTempDatabase();
  try {
    const repo = new SqliteImageRepository(db);
    const image = {
      imageId: newImageId(),
      kind: 'event' as const,
      ownerVisitorId: null,
      creationKey: 'a',
      now: new Date(),
    };
    await repo.create(image);
    await expect(repo.create({ ...image, creationKey: 'b' })).rejects.toThrow();
  } finally {
    await teardown();
  }
});

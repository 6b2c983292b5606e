import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { expect, it } from 'vitest';
import { newImageId } from '../../domain/ids';
import { imageRepositoryContract } from '../../ports/contracts/image-repository.contract';
import { migrate, openDatabase } from './database';
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

it('when a store from before migration 011 is opened, then the versions it already holds are counted', async () => {
  const { db, teardown } = await openTempDatabase();
  try {
    const repo = new SqliteImageRepository(db);
    const original = { blobKey: 'k', contentType: 'image/png', bytes: 1, sha256: 's', width: 1, height: 1 };
    const at = new Date('2025-06-01T10:00:30.000Z');
    const { imageId } = await repo.create({
      imageId: newImageId(),
      kind: 'participant-photo',
      ownerVisitorId: null,
      creationKey: null,
      now: at,
    });
    await repo.addVersion({ imageId, expectedVersion: 0, idempotencyKey: null, original, now: at });
    await repo.addVersion({ imageId, expectedVersion: 1, idempotencyKey: null, original, now: at });
    await repo.addVariant({
      ...original,
      imageId,
      version: 1,
      variant: 'clustered',
      createdAt: new Date(+at + 5000),
    });
    // The store as it was: no version log, and 011 not applied.
    db.exec('DROP TABLE image_versions; DROP INDEX images_by_kind_status; DROP INDEX dead_letters_waiting');
    db.prepare("DELETE FROM schema_migrations WHERE name = '011-dashboard-counts'").run();
    migrate(db);
    const buckets = { from: new Date('2025-06-01T10:00:00.000Z'), widthMs: 60_000, count: 1 };
    expect(await new SqliteImageRepository(db).countVersions('participant-photo', buckets)).toEqual([2]);
  } finally {
    await teardown();
  }
});

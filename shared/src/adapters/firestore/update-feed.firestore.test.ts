import { describe, expect, it } from 'vitest';
import { newImageId, newVisitorId } from '../../domain/ids';
import { updateFeedContract } from '../../ports/contracts/update-feed.contract';
import type { ParticipantUpdate } from '../../ports/update-feed.port';
import { cloudSuitesEnabled, firestoreForFile, firestoreForTest } from '../../testing/emulators';
import { FirestoreUpdateFeed } from './update-feed.firestore';

const update = (visitorId: string, overrides: Partial<ParticipantUpdate> = {}): ParticipantUpdate => ({
  visitorId,
  imageId: newImageId(),
  version: 1,
  variant: 'processed',
  updatedAt: new Date(),
  ...overrides,
});

describe.skipIf(!cloudSuitesEnabled())('firestore emulator', () => {
  const firestore = firestoreForFile();

  updateFeedContract('firestore', async () => ({
    feed: new FirestoreUpdateFeed(firestore.db(), { collectionPrefix: firestore.collectionPrefix() }),
    teardown: async () => {},
  }));

  it('when updates are recorded, then each is a new document written once, and no marker document exists', async () => {
    const collectionPrefix = firestore.collectionPrefix();
    const db = firestore.db();
    const feed = new FirestoreUpdateFeed(db, { collectionPrefix });
    const visitorId = newVisitorId();
    const updates = Array.from({ length: 5 }, () => update(visitorId));
    for (const u of updates) await feed.record(u);
    await feed.record(updates[0]!);

    const parent = db.collection(`${collectionPrefix}updateFeeds`).doc(visitorId);
    const { docs } = await parent.collection('entries').get();
    expect(docs).toHaveLength(5);
    for (const doc of docs) expect(doc.updateTime.isEqual(doc.createTime)).toBe(true);
    expect((await parent.get()).exists).toBe(false);
  });

  it('when writers on two clients race for one participant while a poller follows, then it sees each update once', async () => {
    const collectionPrefix = firestore.collectionPrefix();
    const second = firestoreForTest({ projectId: firestore.projectId() });
    try {
      const feeds = [firestore.db(), second.db].map(
        (db) => new FirestoreUpdateFeed(db, { collectionPrefix }),
      );
      const visitorId = newVisitorId();
      const updates = Array.from({ length: 8 }, () => update(visitorId));
      const seen: ParticipantUpdate[] = [];
      let cursor: string | null = null;
      const poll = async () => {
        const batch = await feeds[0]!.since(visitorId, cursor, 5);
        seen.push(...batch.updates);
        cursor = batch.cursor;
      };
      let writing = true;
      const writers = Promise.all(updates.map((u, i) => feeds[i % 2]!.record(u))).finally(
        () => (writing = false),
      );
      while (writing) await poll();
      await writers;
      for (let i = 0; i < 5; i++) await poll();

      expect(seen.map((u) => u.imageId).sort()).toEqual(updates.map((u) => u.imageId).sort());
      expect(await feeds[1]!.marker(visitorId)).toBe(cursor);
    } finally {
      await second.cleanup();
    }
  });
});

import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { openDatabase, type SqliteDatabase } from '../adapters/sqlite/database';
import { SqliteLikeRepository } from '../adapters/sqlite/like-repository.sqlite';
import { SqliteOutboxRepository } from '../adapters/sqlite/outbox.sqlite';
import { newImageId, newVisitorId } from '../domain/ids';
import { silentLogger } from '../http/logger';
import { systemClock } from '../ports/common';
import type { OutgoingMessage } from '../ports/event-bus.port';
import { OutboxRelay } from './outbox-relay';

describe('OutboxRelay over the SQLite outbox', () => {
  let db: SqliteDatabase;
  let published: { topic: string; message: OutgoingMessage }[];
  let failAfter: number;
  const publisher = {
    publish: async (topic: string, message: OutgoingMessage) => {
      if (published.length >= failAfter) throw new Error('bus down');
      published.push({ topic, message });
      return `m${published.length}`;
    },
  };
  beforeEach(() => {
    db = openDatabase(':memory:');
    published = [];
    failAfter = Infinity;
  });
  afterEach(() => db.close());

  const like = (likes: SqliteLikeRepository) =>
    likes.like({
      imageId: newImageId(),
      likerVisitorId: newVisitorId(),
      ownerVisitorId: newVisitorId(),
      now: new Date(),
    });

  it('when entries are pending, then each is published once with its source attribute, in order, and marked', async () => {
    const likes = new SqliteLikeRepository(db);
    const outbox = new SqliteOutboxRepository(db);
    for (let i = 0; i < 5; i++) await like(likes);
    const relay = new OutboxRelay(
      { outbox, publisher, clock: systemClock, logger: silentLogger() },
      { intervalMs: 1000, batchSize: 2 },
    );
    expect(await relay.runOnce()).toBe(5);
    expect(published.map((p) => [p.topic, p.message.attributes.source, p.message.attributes.event])).toEqual(
      Array.from({ length: 5 }, () => ['activity', 'likes', 'like.created']),
    );
    expect(await outbox.pending(10)).toEqual([]);
    expect(await relay.runOnce()).toBe(0);
  });

  it('when a commit flushes the relay, then its entry is published by the time flush resolves, even mid-round', async () => {
    const likes = new SqliteLikeRepository(db);
    const outbox = new SqliteOutboxRepository(db);
    const relay = new OutboxRelay(
      { outbox, publisher, clock: systemClock, logger: silentLogger() },
      // A timer that never fires within the test: only flushes publish.
      { intervalMs: 3_600_000 },
    );
    relay.start();
    await relay.flush();
    await like(likes);
    const inFlight = relay.flush();
    // A second commit lands while the first flush's round runs: its own flush waits for the round after.
    await like(likes);
    await relay.flush();
    await inFlight;

    expect(published).toHaveLength(2);
    expect(await outbox.pending(10)).toEqual([]);
    await relay.stop();
  });

  it('when the relay is not started, then flush publishes nothing and resolves', async () => {
    const likes = new SqliteLikeRepository(db);
    const outbox = new SqliteOutboxRepository(db);
    await like(likes);
    const relay = new OutboxRelay(
      { outbox, publisher, clock: systemClock, logger: silentLogger() },
      { intervalMs: 3_600_000 },
    );

    await relay.flush();

    expect(published).toEqual([]);
    expect(await outbox.pending(10)).toHaveLength(1);
  });

  it('when the bus fails part-way, then what was published is marked and the rest waits for the next round', async () => {
    const likes = new SqliteLikeRepository(db);
    const outbox = new SqliteOutboxRepository(db);
    for (let i = 0; i < 3; i++) await like(likes);
    failAfter = 2;
    const relay = new OutboxRelay(
      { outbox, publisher, clock: systemClock, logger: silentLogger() },
      { intervalMs: 1000 },
    );
    await expect(relay.runOnce()).rejects.toThrow('bus down');
    expect(await outbox.pending(10)).toHaveLength(1);
    failAfter = Infinity;
    expect(await relay.runOnce()).toBe(1);
    expect(published).toHaveLength(3);
  });

  it('when woken before it was started, then it publishes nothing (a relay that is off stays off)', async () => {
    const likes = new SqliteLikeRepository(db);
    const outbox = new SqliteOutboxRepository(db);
    const relay = new OutboxRelay(
      { outbox, publisher, clock: systemClock, logger: silentLogger() },
      { intervalMs: 60_000 },
    );
    await like(likes);
    relay.wake();
    await relay.stop();
    expect(published).toEqual([]);
    expect(await outbox.pending(10)).toHaveLength(1);
  });

  it('when woken after a commit, then the entry is published without waiting for the timer', async () => {
    const likes = new SqliteLikeRepository(db);
    const outbox = new SqliteOutboxRepository(db);
    const relay = new OutboxRelay(
      { outbox, publisher, clock: systemClock, logger: silentLogger() },
      { intervalMs: 60_000 },
    );
    relay.start();
    await like(likes);
    relay.wake();
    await expect.poll(() => published.length).toBe(1);
    await relay.stop();
  });
});

import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { openDatabase, type SqliteDatabase } from './database';
import { DEAD_LETTER_TOPIC, type SubscriptionSpec } from '../../events/topology';
import { silentLogger } from '../../http/logger';
import type { ReceivedMessage } from '../../ports/event-bus.port';
import { tempDir } from '../../testing/system-under-test';
import { DEAD_LETTER } from '../../bus/delivery-policy';
import { EmbeddedEventBus } from './event-bus.sqlite';

const spec = (name: string, topic: string, over: Partial<SubscriptionSpec> = {}): SubscriptionSpec => ({
  name,
  topic,
  service: 'test',
  ackDeadlineSeconds: 10,
  maxDeliveryAttempts: 3,
  minBackoffSeconds: 1,
  maxBackoffSeconds: 10,
  ordered: false,
  ...over,
});

describe('embedded bus limits', () => {
  let db: SqliteDatabase;
  let bus: EmbeddedEventBus;
  let remove: () => Promise<void>;
  let now = 0;

  beforeEach(async () => {
    const temp = await tempDir();
    remove = temp.remove;
    db = openDatabase(`${temp.dir}/bus.db`);
    bus = new EmbeddedEventBus(db, [spec('work', 'jobs'), spec('dl', DEAD_LETTER_TOPIC)], {
      clock: { now: () => new Date(now) },
      logger: silentLogger(),
      pollIntervalMs: 5,
    });
  });
  afterEach(async () => {
    await bus.close();
    db.close();
    await remove();
  });

  it('when a message matches no subscription, then it is not kept', async () => {
    await bus.publish('nobody-listens', { data: Buffer.from('x'), attributes: {} });
    expect(db.prepare('SELECT count(*) AS n FROM bus_messages').get()).toEqual({ n: 0 });
  });

  it('when every attempt outlives the ack deadline, then the message is dead-lettered after the last one', async () => {
    await bus.publish('jobs', { data: Buffer.from('slow'), attributes: {} });
    const workSpec = spec('work', 'jobs');
    // Three leases that are never settled, each expiring before the next look.
    for (let attempt = 1; attempt <= 3; attempt++) {
      expect(bus.lease(workSpec, 10).map((r) => r.attempts)).toEqual([attempt]);
      now += 11_000;
    }
    expect(bus.lease(workSpec, 10)).toEqual([]);
    const letters: ReceivedMessage[] = [];
    bus.subscribe('dl', async (m) => {
      letters.push(m);
      return { status: 'done' };
    });
    await bus.drained(['dl']);
    expect(letters).toHaveLength(1);
    expect(letters[0]!.attributes[DEAD_LETTER.kind]).toBe('exhausted');
    expect(letters[0]!.attributes[DEAD_LETTER.reason]).toMatch(/ack deadline/);
    expect(bus.backlog('work')).toBe(0);
  });
});

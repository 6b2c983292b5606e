import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { openDatabase, type SqliteDatabase } from './database';
import { DEAD_LETTER_TOPIC, type SubscriptionSpec } from '../../events/topology';
import { silentLogger } from '../../http/logger';
import type { Clock } from '../../ports/common';
import type { HandlerOutcome, MessageHandler, ReceivedMessage } from '../../ports/event-bus.port';
import { DEAD_LETTER } from '../../bus/delivery-policy';
import { EmbeddedEventBus, type EmbeddedBusOptions } from './event-bus.sqlite';

// Every retry backoff runs at 1/1000 of the real schedule: a 10 s backoff takes 10 ms. Ack deadlines stay real unless a
// test shortens them (`leaseScale`) to watch a lease being extended or run out.
const TIME_SCALE = 0.001;

function subscription(
  name: string,
  topic: string,
  overrides: Partial<SubscriptionSpec> = {},
): SubscriptionSpec {
  return {
    name,
    topic,
    service: 'test',
    ackDeadlineSeconds: 60,
    maxDeliveryAttempts: 5,
    minBackoffSeconds: 10,
    maxBackoffSeconds: 600,
    ordered: false,
    ...overrides,
  };
}

const deadLetters = subscription('test.dead-letters', DEAD_LETTER_TOPIC);
const done: HandlerOutcome = { status: 'done' };
const sleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

async function waitFor(what: string, condition: () => boolean, timeoutMs = 5_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!condition()) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await sleep(2);
  }
}

/** A handler that acknowledges and remembers what it received. */
function recorder(outcome: (m: ReceivedMessage) => HandlerOutcome | Promise<HandlerOutcome> = () => done) {
  const received: ReceivedMessage[] = [];
  const handler: MessageHandler = async (message) => {
    received.push(message);
    return outcome(message);
  };
  return { received, handler };
}

function gate() {
  let open!: () => void;
  const opened = new Promise<void>((resolve) => (open = resolve));
  return { opened, open };
}

const text = (m: ReceivedMessage) => m.data.toString();

describe('EmbeddedEventBus', () => {
  let dir: string;
  let file: string;
  let db: SqliteDatabase;
  let buses: EmbeddedEventBus[];
  let skewMs: number;
  // Real time, plus a skew a test can add to jump past an ack deadline without waiting for it.
  const clock: Clock = { now: () => new Date(Date.now() + skewMs) };

  beforeEach(async () => {
    dir = await mkdtemp(join(tmpdir(), 'event-bus-'));
    file = join(dir, 'bus.sqlite');
    db = openDatabase(file);
    buses = [];
    skewMs = 0;
  });

  afterEach(async () => {
    await Promise.all(buses.map((b) => b.close()));
    if (db.open) db.close();
    await rm(dir, { recursive: true, force: true });
  });

  function startBus(specs: SubscriptionSpec[], options: Partial<EmbeddedBusOptions> = {}): EmbeddedEventBus {
    const bus = new EmbeddedEventBus(db, specs, {
      clock,
      logger: silentLogger(),
      pollIntervalMs: 2,
      backoffScale: TIME_SCALE,
      ...options,
    });
    buses.push(bus);
    return bus;
  }

  function deliveryRow(subscriptionName: string) {
    return db
      .prepare('SELECT state, attempts, last_error FROM bus_deliveries WHERE subscription = ?')
      .all(subscriptionName) as { state: string; attempts: number; last_error: string | null }[];
  }

  describe('delivery', () => {
    it('when a handler skips a message, then that is logged at info, not as a warning; a retry still warns', async () => {
      const logger = silentLogger();
      const [info, warn] = [vi.spyOn(logger, 'info'), vi.spyOn(logger, 'warn')];
      const spec = subscription('test.skipping', 'photo-taken', { maxDeliveryAttempts: 2 });
      const bus = startBus([spec], { logger });
      bus.subscribe(
        spec.name,
        recorder((m) =>
          m.data.toString() === 'skip'
            ? { status: 'skipped', reason: 'no participant to tell' }
            : m.deliveryAttempt < 2
              ? { status: 'retry', reason: 'db busy' }
              : done,
        ).handler,
      );

      await bus.publish('photo-taken', { data: Buffer.from('skip'), attributes: {} });
      await bus.drained([spec.name]);
      expect(info).toHaveBeenCalledWith(
        expect.objectContaining({ outcome: { status: 'skipped', reason: 'no participant to tell' } }),
        'delivery not done',
      );
      expect(warn).not.toHaveBeenCalled();

      await bus.publish('photo-taken', { data: Buffer.from('flaky'), attributes: {} });
      await bus.drained([spec.name]);
      expect(warn).toHaveBeenCalledWith(
        expect.objectContaining({ outcome: { status: 'retry', reason: 'db busy' } }),
        'delivery not done',
      );
    });

    it('when a message is published and then subscribed to, then it arrives with data, attributes and attempt 1', async () => {
      const spec = subscription('test.photo-taken', 'photo-taken');
      const bus = startBus([spec]);
      const before = Date.now();
      const messageId = await bus.publish('photo-taken', {
        data: Buffer.from('{"imageId":"i-1"}'),
        attributes: { eventType: 'photo.taken', version: '1' },
      });
      const { received, handler } = recorder();

      bus.subscribe(spec.name, handler);
      await bus.drained([spec.name]);

      expect(received).toHaveLength(1);
      expect(received[0]).toEqual({
        messageId,
        data: Buffer.from('{"imageId":"i-1"}'),
        attributes: { eventType: 'photo.taken', version: '1' },
        orderingKey: null,
        publishTime: expect.any(Date),
        deliveryAttempt: 1,
        subscription: 'test.photo-taken',
      });
      expect(received[0]!.publishTime.getTime()).toBeGreaterThanOrEqual(before);
    });

    it('when a topic has two subscriptions, then each receives its own copy of every message', async () => {
      const a = subscription('a.photo-taken', 'photo-taken');
      const b = subscription('b.photo-taken', 'photo-taken');
      const other = subscription('c.other', 'other-topic');
      const bus = startBus([a, b, other]);
      const ra = recorder();
      const rb = recorder();
      const rc = recorder();
      bus.subscribe(a.name, ra.handler);
      bus.subscribe(b.name, rb.handler);
      bus.subscribe(other.name, rc.handler);

      const id1 = await bus.publish('photo-taken', { data: Buffer.from('1'), attributes: {} });
      const id2 = await bus.publish('photo-taken', { data: Buffer.from('2'), attributes: {} });
      await bus.drained([a.name, b.name]);

      expect(ra.received.map((m) => m.messageId).sort()).toEqual([id1, id2].sort());
      expect(rb.received.map((m) => m.messageId).sort()).toEqual([id1, id2].sort());
      expect(rc.received).toEqual([]);
    });

    it('when a subscription has an attribute filter, then only matching messages reach it', async () => {
      const all = subscription('test.all', 'image-updated');
      const filtered = subscription('test.originals', 'image-updated', { filter: { variant: 'original' } });
      const bus = startBus([all, filtered]);
      const everything = recorder();
      const originals = recorder();
      bus.subscribe(all.name, everything.handler);
      bus.subscribe(filtered.name, originals.handler);

      await bus.publish('image-updated', { data: Buffer.from('o'), attributes: { variant: 'original' } });
      await bus.publish('image-updated', { data: Buffer.from('g'), attributes: { variant: 'graded' } });
      await bus.publish('image-updated', { data: Buffer.from('n'), attributes: {} });
      await bus.drained([all.name, filtered.name]);

      expect(everything.received.map(text).sort()).toEqual(['g', 'n', 'o']);
      expect(originals.received.map(text)).toEqual(['o']);
    });

    it('when a handler skips a message, then it is acknowledged and not retried nor dead-lettered', async () => {
      const spec = subscription('test.skip', 'photo-taken');
      const bus = startBus([spec, deadLetters]);
      const skipper = recorder(() => ({ status: 'skipped', reason: 'already processed' }));
      const dead = recorder();
      bus.subscribe(spec.name, skipper.handler);
      bus.subscribe(deadLetters.name, dead.handler);

      await bus.publish('photo-taken', { data: Buffer.from('x'), attributes: {} });
      await bus.drained([spec.name]);
      await sleep(30);

      expect(skipper.received).toHaveLength(1);
      expect(dead.received).toEqual([]);
    });

    it('when the subscription is unknown, then subscribe throws', () => {
      const bus = startBus([]);

      expect(() => bus.subscribe('nope', recorder().handler)).toThrow('Unknown subscription nope');
    });
  });

  describe('retries and dead letters', () => {
    it('when a handler keeps throwing, then it is retried with growing backoff and then dead-lettered as exhausted', async () => {
      const spec = subscription('test.flaky', 'photo-taken', {
        maxDeliveryAttempts: 4,
        minBackoffSeconds: 40,
      });
      const bus = startBus([spec, deadLetters]);
      const attempts: { attempt: number; at: number }[] = [];
      bus.subscribe(spec.name, async (m) => {
        attempts.push({ attempt: m.deliveryAttempt, at: Date.now() });
        throw new Error(`sharp failed on attempt ${m.deliveryAttempt}`);
      });
      const dead = recorder();
      bus.subscribe(deadLetters.name, dead.handler);

      const messageId = await bus.publish('photo-taken', {
        data: Buffer.from('payload'),
        attributes: { eventType: 'photo.taken' },
      });
      await waitFor('the dead letter', () => dead.received.length === 1);

      expect(attempts.map((a) => a.attempt)).toEqual([1, 2, 3, 4]);
      const gaps = attempts.slice(1).map((a, i) => a.at - attempts[i]!.at);
      // 40 s, 80 s, 160 s scaled: each wait is at least its backoff, and each is longer than the one before.
      expect(gaps[0]).toBeGreaterThanOrEqual(40);
      expect(gaps[1]).toBeGreaterThanOrEqual(80);
      expect(gaps[2]).toBeGreaterThanOrEqual(160);
      expect(gaps[1]!).toBeGreaterThan(gaps[0]!);
      expect(gaps[2]!).toBeGreaterThan(gaps[1]!);

      const letter = dead.received[0]!;
      expect(letter.data).toEqual(Buffer.from('payload'));
      expect(letter.messageId).not.toBe(messageId);
      expect(letter.attributes).toEqual({
        eventType: 'photo.taken',
        [DEAD_LETTER.subscription]: 'test.flaky',
        [DEAD_LETTER.topic]: 'photo-taken',
        [DEAD_LETTER.messageId]: messageId,
        [DEAD_LETTER.attempts]: '4',
        [DEAD_LETTER.kind]: 'exhausted',
        [DEAD_LETTER.reason]: 'sharp failed on attempt 4',
      });
      await bus.drained([spec.name, deadLetters.name]);
      await sleep(30);
      expect(attempts).toHaveLength(4);
    });

    it('when a handler returns retry, then the row keeps the reason and the dead letter carries the last one', async () => {
      const spec = subscription('test.retry', 'photo-taken', {
        maxDeliveryAttempts: 2,
        minBackoffSeconds: 50,
      });
      const bus = startBus([spec, deadLetters]);
      const flaky = recorder((m) => ({ status: 'retry', reason: `not yet (${m.deliveryAttempt})` }));
      const dead = recorder();
      bus.subscribe(spec.name, flaky.handler);
      bus.subscribe(deadLetters.name, dead.handler);

      await bus.publish('photo-taken', { data: Buffer.from('x'), attributes: {} });
      await waitFor('the first attempt', () => flaky.received.length === 1);
      await sleep(5);

      expect(deliveryRow(spec.name)).toEqual([{ state: 'pending', attempts: 1, last_error: 'not yet (1)' }]);
      await waitFor('the dead letter', () => dead.received.length === 1);
      expect(dead.received[0]!.attributes[DEAD_LETTER.reason]).toBe('not yet (2)');
    });

    it('when a handler rejects a poison message, then it is dead-lettered at once as rejected and never retried', async () => {
      const spec = subscription('test.poison', 'photo-taken');
      const bus = startBus([spec, deadLetters]);
      const rejecter = recorder(() => ({ status: 'rejected', reason: 'not a JPEG' }));
      const dead = recorder();
      bus.subscribe(spec.name, rejecter.handler);
      bus.subscribe(deadLetters.name, dead.handler);

      const messageId = await bus.publish('photo-taken', {
        data: Buffer.from('garbage'),
        attributes: {},
        orderingKey: 'image-9',
      });
      await waitFor('the dead letter', () => dead.received.length === 1);
      await sleep(50); // several backoffs' worth: a retry would have come by now

      expect(rejecter.received).toHaveLength(1);
      expect(dead.received[0]!.attributes).toMatchObject({
        [DEAD_LETTER.kind]: 'rejected',
        [DEAD_LETTER.reason]: 'not a JPEG',
        [DEAD_LETTER.attempts]: '1',
        [DEAD_LETTER.subscription]: 'test.poison',
        [DEAD_LETTER.messageId]: messageId,
        [DEAD_LETTER.orderingKey]: 'image-9',
      });
      expect(bus.backlog(spec.name)).toBe(0);
    });

    it('when a dead-letter handler fails, then it is retried past maxDeliveryAttempts instead of being dead-lettered again', async () => {
      const dlq = subscription('test.dlq', DEAD_LETTER_TOPIC, {
        maxDeliveryAttempts: 2,
        maxBackoffSeconds: 10,
      });
      const bus = startBus([dlq]);
      const handler = recorder((m) =>
        m.deliveryAttempt < 5 ? { status: 'retry', reason: 'db busy' } : done,
      );
      bus.subscribe(dlq.name, handler.handler);

      await bus.publish(DEAD_LETTER_TOPIC, { data: Buffer.from('x'), attributes: {} });
      await bus.drained([dlq.name]);

      expect(handler.received.map((m) => m.deliveryAttempt)).toEqual([1, 2, 3, 4, 5]);
    });

    it('when a dead-letter handler rejects a message, then it is dropped rather than dead-lettered onto itself', async () => {
      // Before the fix this looped: each rejection republished onto the same topic, starving the event loop.
      const logger = silentLogger();
      const logged = vi.spyOn(logger, 'error');
      const bus = startBus([deadLetters], { logger });
      const handler = recorder(() => ({ status: 'rejected', reason: 'unreadable dead letter' }));
      bus.subscribe(deadLetters.name, handler.handler);

      await bus.publish(DEAD_LETTER_TOPIC, { data: Buffer.from('x'), attributes: {} });
      await bus.drained([deadLetters.name]);
      await sleep(50);

      expect(handler.received).toHaveLength(1);
      expect(bus.backlog(deadLetters.name)).toBe(0);
      expect(db.prepare('SELECT count(*) AS n FROM bus_messages').get()).toEqual({ n: 0 });
      expect(logged).toHaveBeenCalledWith(
        expect.objectContaining({ subscription: deadLetters.name }),
        'dead letter rejected: dropped',
      );
    });
  });

  describe('ordering', () => {
    it('when the head of an ordering key needs retries, then its followers wait and another key flows', async () => {
      const spec = subscription('test.ordered', 'image-updated', { ordered: true, maxDeliveryAttempts: 10 });
      const bus = startBus([spec]);
      const log: string[] = [];
      bus.subscribe(
        spec.name,
        async (m) => {
          log.push(`${text(m)}#${m.deliveryAttempt}`);
          if (text(m) === 'a1' && m.deliveryAttempt < 3) throw new Error('not yet');
          return done;
        },
        4,
      );

      for (const [key, data] of [
        ['A', 'a1'],
        ['A', 'a2'],
        ['B', 'b1'],
        ['A', 'a3'],
        ['B', 'b2'],
      ] as const) {
        await bus.publish('image-updated', { data: Buffer.from(data), attributes: {}, orderingKey: key });
      }
      await bus.drained([spec.name]);

      const ofKey = (prefix: string) => log.filter((e) => e.startsWith(prefix));
      expect(ofKey('a')).toEqual(['a1#1', 'a1#2', 'a1#3', 'a2#1', 'a3#1']);
      expect(ofKey('b')).toEqual(['b1#1', 'b2#1']);
      // Key B finished while key A was still backing off.
      expect(log.indexOf('b2#1')).toBeLessThan(log.indexOf('a1#3'));
    });

    it('when the head of an ordering key is dead-lettered, then the next message of that key is delivered', async () => {
      const spec = subscription('test.ordered', 'image-updated', { ordered: true });
      const bus = startBus([spec, deadLetters]);
      const handler = recorder((m) => (text(m) === 'a1' ? { status: 'rejected', reason: 'poison' } : done));
      bus.subscribe(spec.name, handler.handler);

      await bus.publish('image-updated', { data: Buffer.from('a1'), attributes: {}, orderingKey: 'A' });
      await bus.publish('image-updated', { data: Buffer.from('a2'), attributes: {}, orderingKey: 'A' });
      await bus.drained([spec.name]);

      expect(handler.received.map(text)).toEqual(['a1', 'a2']);
    });

    it('when a subscription is not ordered, then a retrying message does not hold back its key', async () => {
      const spec = subscription('test.unordered', 'image-updated', { ordered: false });
      const bus = startBus([spec]);
      const log: string[] = [];
      bus.subscribe(spec.name, async (m) => {
        log.push(`${text(m)}#${m.deliveryAttempt}`);
        if (m.deliveryAttempt === 1 && text(m) === 'a1') throw new Error('not yet');
        return done;
      });

      await bus.publish('image-updated', { data: Buffer.from('a1'), attributes: {}, orderingKey: 'A' });
      await bus.publish('image-updated', { data: Buffer.from('a2'), attributes: {}, orderingKey: 'A' });
      await bus.drained([spec.name]);

      expect(log.indexOf('a2#1')).toBeLessThan(log.indexOf('a1#2'));
    });
  });

  describe('durability', () => {
    it('when the bus restarts before anyone acknowledged, then the message is delivered afterwards', async () => {
      const spec = subscription('test.durable', 'photo-taken');
      const first = startBus([spec]);
      const messageId = await first.publish('photo-taken', {
        data: Buffer.from('survives'),
        attributes: { a: '1' },
        orderingKey: 'k',
      });
      await first.close();
      db.close();

      db = openDatabase(file);
      const second = startBus([spec]);
      const { received, handler } = recorder();
      second.subscribe(spec.name, handler);
      await second.drained([spec.name]);

      expect(received).toHaveLength(1);
      expect(received[0]).toMatchObject({ messageId, data: Buffer.from('survives'), attributes: { a: '1' } });
      expect(received[0]!.deliveryAttempt).toBe(1);
    });

    it('when the process dies holding a lease, then the next incarnation takes it back at start-up, at once and as the same attempt', async () => {
      // Real ack deadlines: a redelivery that waited for the 60 s lease to run out would time the test out.
      const spec = subscription('test.durable', 'photo-taken', { ordered: true });
      const first = startBus([spec]);
      await first.publish('photo-taken', { data: Buffer.from('leased'), attributes: {}, orderingKey: 'k' });
      await first.publish('photo-taken', { data: Buffer.from('follower'), attributes: {}, orderingKey: 'k' });
      expect(first.lease(spec, 10)).toHaveLength(1); // taken, never settled: the process "crashes" here
      db.close();

      db = openDatabase(file);
      const second = startBus([spec]);
      expect(second.reclaimLeases()).toEqual({ [spec.name]: 1 });
      const { received, handler } = recorder();
      second.subscribe(spec.name, handler);
      await second.drained([spec.name], 2_000);

      expect(received.map((m) => [text(m), m.deliveryAttempt])).toEqual([
        ['leased', 1],
        ['follower', 1],
      ]);
    });

    it('when the next incarnation subscribes, then the deliveries it took back go out at once, not after a poll interval', async () => {
      const spec = subscription('test.restart-wake', 'photo-taken');
      const first = startBus([spec]);
      await first.publish('photo-taken', { data: Buffer.from('in flight'), attributes: {} });
      expect(first.lease(spec, 10)).toHaveLength(1);
      db.close();

      db = openDatabase(file);
      // A minute between polls and nothing published: only the subscription's first look can deliver it in time.
      const second = startBus([spec], { pollIntervalMs: 60_000 });
      second.reclaimLeases();
      const { received, handler } = recorder();
      second.subscribe(spec.name, handler);
      await second.drained([spec.name], 1_000);

      expect(received.map(text)).toEqual(['in flight']);
    });

    it('when a message is in flight during five crashes, then it is delivered after each restart and never dead-lettered', async () => {
      const spec = subscription('test.durable', 'photo-taken', { maxDeliveryAttempts: 5 });
      await startBus([spec, deadLetters]).publish('photo-taken', { data: Buffer.from('x'), attributes: {} });
      for (let crash = 1; crash <= 5; crash++) {
        const incarnation = startBus([spec, deadLetters]);
        incarnation.reclaimLeases();
        const [row] = incarnation.lease(spec, 10);
        expect(row?.attempts).toBe(1);
      }
      const last = startBus([spec, deadLetters]);
      last.reclaimLeases();
      const { received, handler } = recorder();
      const dead = recorder();
      last.subscribe(spec.name, handler);
      last.subscribe(deadLetters.name, dead.handler);
      await last.drained([spec.name], 2_000);

      expect(received.map((m) => m.deliveryAttempt)).toEqual([1]);
      expect(dead.received).toEqual([]);
    });

    it("when an earlier incarnation's lease runs out and nobody reclaimed it, then it is redelivered without counting", async () => {
      const spec = subscription('test.durable', 'photo-taken', { maxDeliveryAttempts: 1 });
      const first = startBus([spec, deadLetters]);
      await first.publish('photo-taken', { data: Buffer.from('x'), attributes: {} });
      expect(first.lease(spec, 10)).toHaveLength(1);

      const second = startBus([spec, deadLetters]);
      skewMs = 61_000;
      const [again] = second.lease(spec, 10);
      expect(again?.attempts).toBe(1);
      expect(deliveryRow(deadLetters.name)).toEqual([]);
    });

    it('when an incarnation reclaims leases, then its own leases stay with it', async () => {
      const spec = subscription('test.durable', 'photo-taken');
      const bus = startBus([spec]);
      await bus.publish('photo-taken', { data: Buffer.from('x'), attributes: {} });
      expect(bus.lease(spec, 10)).toHaveLength(1);
      expect(bus.reclaimLeases()).toEqual({});
      expect(deliveryRow(spec.name)).toEqual([{ state: 'leased', attempts: 1, last_error: null }]);
    });

    it('when an earlier incarnation settles after its lease was reclaimed, then the new lease is untouched', async () => {
      const spec = subscription('test.durable', 'photo-taken');
      const first = startBus([spec]);
      await first.publish('photo-taken', { data: Buffer.from('x'), attributes: {} });
      const [old] = first.lease(spec, 10);
      const second = startBus([spec]);
      second.reclaimLeases();
      expect(second.lease(spec, 10)).toHaveLength(1);

      first.settle(spec, old!, done);
      expect(deliveryRow(spec.name)).toEqual([{ state: 'leased', attempts: 1, last_error: null }]);
    });
  });

  describe('leases', () => {
    const leaseOf = (subscriptionName: string) =>
      db
        .prepare('SELECT attempts, lease_expires_at AS expiresAt FROM bus_deliveries WHERE subscription = ?')
        .get(subscriptionName) as { attempts: number; expiresAt: number | null } | undefined;

    it('when a handler runs several ack deadlines, then its lease is extended, it is not redelivered and it is acked once', async () => {
      // A 60 ms ack deadline; the handler takes ten of them.
      const spec = subscription('test.slow', 'photo-taken', { ackDeadlineSeconds: 60 });
      const bus = startBus([spec, deadLetters], { leaseScale: TIME_SCALE });
      const dead = recorder();
      bus.subscribe(deadLetters.name, dead.handler);
      const expiries: number[] = [];
      const attempts: number[] = [];
      bus.subscribe(spec.name, async (m) => {
        attempts.push(m.deliveryAttempt);
        for (let i = 0; i < 10; i++) {
          expiries.push(leaseOf(spec.name)!.expiresAt!);
          await sleep(60);
        }
        expect(leaseOf(spec.name)?.attempts).toBe(1);
        return done;
      });

      await bus.publish('photo-taken', { data: Buffer.from('slow'), attributes: {} });
      await waitFor('the first attempt', () => attempts.length === 1);
      await bus.drained([spec.name]);
      await sleep(100);

      expect(attempts).toEqual([1]);
      expect(new Set(expiries).size).toBeGreaterThan(5);
      expect(dead.received).toEqual([]);
      expect(bus.backlog(spec.name)).toBe(0);
    });

    it('when a handler has answered but settling failed, then its lease is no longer extended and the message comes back', async () => {
      const spec = subscription('test.unsettled', 'photo-taken', { ackDeadlineSeconds: 60 });
      // A 60 ms ack deadline, and extensions for up to 10 min: only a lease no longer extended comes back in time.
      const bus = startBus([spec], { leaseScale: TIME_SCALE, maxLeaseExtensionSeconds: 600_000 });
      const settle = vi.spyOn(bus, 'settle').mockImplementationOnce(() => {
        throw new Error('disk full');
      });
      const { received, handler } = recorder(async () => {
        await sleep(100);
        return done;
      });
      bus.subscribe(spec.name, handler);

      await bus.publish('photo-taken', { data: Buffer.from('x'), attributes: {} });
      await bus.drained([spec.name], 3_000);

      expect(settle).toHaveBeenCalledTimes(2);
      expect(received.map((m) => m.deliveryAttempt)).toEqual([1, 2]);
    });

    it('when a handler outlives the maximum extension, then the message is redelivered as a counted attempt and the late ack does not settle the new lease', async () => {
      const spec = subscription('test.hung', 'photo-taken', { ackDeadlineSeconds: 60 });
      // Real deadlines and the real 60 min maximum: the test moves the clock past them instead of waiting.
      const bus = startBus([spec]);
      const settle = vi.spyOn(bus, 'settle');
      const gates = [gate(), gate()];
      const attempts: number[] = [];
      bus.subscribe(spec.name, async (m) => {
        attempts.push(m.deliveryAttempt);
        await gates[m.deliveryAttempt - 1]!.opened;
        return done;
      });

      await bus.publish('photo-taken', { data: Buffer.from('hung'), attributes: {} });
      await waitFor('the first attempt', () => attempts.length === 1);
      skewMs = 30 * 60_000;
      await sleep(20);
      expect(attempts).toEqual([1]);
      skewMs = 60 * 60_000 + 1;
      await waitFor('the redelivery', () => attempts.length === 2);
      expect(attempts).toEqual([1, 2]);

      gates[0]!.open(); // the first attempt acknowledges late
      await waitFor('the late settle', () => settle.mock.calls.length === 1);
      expect(deliveryRow(spec.name)).toEqual([{ state: 'leased', attempts: 2, last_error: null }]);

      gates[1]!.open();
      await bus.drained([spec.name]);
      expect(attempts).toEqual([1, 2]);
    });

    it('when the process dies mid-handler, then its extended lease is taken back at start-up as the same attempt', async () => {
      const spec = subscription('test.killed', 'photo-taken', { ackDeadlineSeconds: 60 });
      const first = startBus([spec], { leaseScale: TIME_SCALE });
      const hang = gate();
      let started = 0;
      first.subscribe(spec.name, async () => {
        started++;
        await hang.opened;
        return done;
      });
      await first.publish('photo-taken', { data: Buffer.from('x'), attributes: {} });
      await waitFor('the handler to start', () => started === 1);
      const taken = leaseOf(spec.name)!.expiresAt!;
      await waitFor('an extension', () => leaseOf(spec.name)!.expiresAt! > taken);
      db.close(); // the process dies: its handler, its pull loop and its keeper no longer reach the database

      db = openDatabase(file);
      const second = startBus([spec]);
      expect(second.reclaimLeases()).toEqual({ [spec.name]: 1 });
      const { received, handler } = recorder();
      second.subscribe(spec.name, handler);
      await second.drained([spec.name], 2_000);

      expect(received.map((m) => m.deliveryAttempt)).toEqual([1]);
      hang.open();
    });
  });

  describe('close', () => {
    it('when closing while a handler runs, then close waits for it and its ack, and nothing new is pulled', async () => {
      const spec = subscription('test.closing', 'photo-taken');
      const bus = startBus([spec]);
      const release = gate();
      let started = 0;
      let finished = 0;
      bus.subscribe(spec.name, async () => {
        started++;
        await release.opened;
        finished++;
        return done;
      });
      await bus.publish('photo-taken', { data: Buffer.from('1'), attributes: {} });
      await waitFor('the handler to start', () => started === 1);

      let closed = false;
      const closing = bus.close().then(() => (closed = true));
      await sleep(30);
      expect(closed).toBe(false);

      release.open();
      await closing;
      expect(finished).toBe(1);
      expect(bus.backlog(spec.name)).toBe(0);

      await bus.publish('photo-taken', { data: Buffer.from('2'), attributes: {} });
      await sleep(30);
      expect(started).toBe(1);
      expect(bus.backlog(spec.name)).toBe(1);
    });
  });
});

import { randomUUID } from 'node:crypto';
import { afterEach, describe, expect, it } from 'vitest';
import { DEAD_LETTER_TOPIC, type SubscriptionSpec } from '../../events/topology';
import type {
  EventPublisher,
  HandlerOutcome,
  MessageHandler,
  OutgoingMessage,
  ReceivedMessage,
} from '../event-bus.port';

export interface EventBusFixture {
  publisher: EventPublisher;
  /**
   * Hands a message to the push route as Cloud Pub/Sub would on the given attempt, and answers its HTTP status: only
   * for a bus that delivers through the push route.
   */
  pushAttempt?: (subscription: string, message: OutgoingMessage, deliveryAttempt: number) => Promise<number>;
  teardown: () => Promise<void>;
}

export interface EventBusAdapter {
  /**
   * What the engine under test does not implement, each with where the contract checks it instead (the push route):
   * the test says so in its name.
   */
  gaps: { filters?: string; deadLetterForwarding?: string };
  /** Delivers each subscription's messages to its handler until teardown. */
  setup: (subscriptions: { spec: SubscriptionSpec; handler: MessageHandler }[]) => Promise<EventBusFixture>;
  /** How long a test may wait for a delivery (an emulator redelivers about once a second). */
  patienceMs: number;
}

/** A subscription of the contract: short backoff, the minimum ack deadline and attempts Pub/Sub accepts. */
const spec = (name: string, topic: string, overrides: Partial<SubscriptionSpec> = {}): SubscriptionSpec => ({
  name: `contract.${name}`,
  topic,
  service: 'contract',
  ackDeadlineSeconds: 10,
  maxDeliveryAttempts: 5,
  minBackoffSeconds: 1,
  maxBackoffSeconds: 2,
  ordered: false,
  ...overrides,
});

const DEAD_LETTERS = spec('dead-letters', DEAD_LETTER_TOPIC);
/** The attributes a dead letter carries beside the original ones (the names replays and operators read). */
const DEAD_LETTER = {
  subscription: 'deadLetter.subscription',
  topic: 'deadLetter.topic',
  messageId: 'deadLetter.messageId',
  attempts: 'deadLetter.attempts',
  kind: 'deadLetter.kind',
  reason: 'deadLetter.reason',
} as const;

/** A handler that remembers every delivery and answers what `outcome` says. */
function recorder(
  outcome: (m: ReceivedMessage, seen: ReceivedMessage[]) => Promise<HandlerOutcome> | HandlerOutcome,
) {
  const received: ReceivedMessage[] = [];
  const handler: MessageHandler = async (m) => {
    received.push(m);
    return outcome(m, received);
  };
  return { received, handler };
}
const acknowledge = () => recorder(() => ({ status: 'done' }));

const message = (data: object, attributes: Record<string, string> = {}, orderingKey?: string) => ({
  data: Buffer.from(JSON.stringify(data)),
  attributes,
  ...(orderingKey ? { orderingKey } : {}),
});
const payload = (m: ReceivedMessage) => JSON.parse(m.data.toString()) as Record<string, unknown>;
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/**
 * The semantics of an event bus the services rely on; run it against the embedded SQLite bus and against Pub/Sub
 * (its emulator, with push subscriptions to the workers' push route): fan-out, filters, ordering keys, redelivery
 * after a nack or a lost lease, dead letters, and at-least-once delivery that an idempotent handler absorbs.
 */
export function eventBusContract(name: string, adapter: EventBusAdapter): void {
  describe(`EventBus contract: ${name}`, () => {
    let fixture: EventBusFixture | null = null;
    const topic = () => `contract-${randomUUID().slice(0, 8)}`;
    const start = async (subscriptions: { spec: SubscriptionSpec; handler: MessageHandler }[]) =>
      (fixture = await adapter.setup(subscriptions));
    afterEach(async () => {
      await fixture?.teardown();
      fixture = null;
    });

    const slowIt = (name: string, fn: () => Promise<void>) => it(name, fn, adapter.patienceMs * 2);

    async function until<T>(probe: () => T | undefined | false, what: string): Promise<T> {
      const deadline = Date.now() + adapter.patienceMs;
      for (;;) {
        const value = probe();
        if (value !== undefined && value !== false) return value;
        if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
        await sleep(20);
      }
    }

    slowIt(
      'when a message is published, then every subscription of its topic gets it once and no other does',
      async () => {
        const [t, other] = [topic(), topic()];
        const [a, b, c] = [acknowledge(), acknowledge(), acknowledge()];
        const bus = await start([
          { spec: spec('fan-a', t), handler: a.handler },
          { spec: spec('fan-b', t), handler: b.handler },
          { spec: spec('elsewhere', other), handler: c.handler },
        ]);

        const id = await bus.publisher.publish(t, message({ n: 1 }, { kind: 'x' }));

        await until(() => a.received.length > 0 && b.received.length > 0, 'both subscriptions');
        await sleep(500);
        for (const [sub, got] of [
          ['contract.fan-a', a],
          ['contract.fan-b', b],
        ] as const) {
          expect(got.received).toHaveLength(1);
          expect(got.received[0]).toMatchObject({
            messageId: id,
            subscription: sub,
            attributes: { kind: 'x' },
          });
          expect(payload(got.received[0]!)).toEqual({ n: 1 });
        }
        expect(c.received).toHaveLength(0);
      },
    );

    const filterTest = adapter.gaps.filters
      ? `when a subscription has a filter, then only matching messages reach its handler (${adapter.gaps.filters})`
      : 'when a subscription has a filter, then only matching messages reach its handler';
    slowIt(filterTest, async () => {
      const t = topic();
      const likes = acknowledge();
      const bus = await start([
        { spec: spec('filtered', t, { filter: { source: 'likes' } }), handler: likes.handler },
      ]);

      await bus.publisher.publish(t, message({ n: 1 }, { source: 'gallery' }));
      await bus.publisher.publish(t, message({ n: 2 }, { source: 'likes' }));
      await bus.publisher.publish(t, message({ n: 3 }));

      await until(() => likes.received.length > 0, 'the matching message');
      await sleep(1000);
      expect(likes.received.map(payload)).toEqual([{ n: 2 }]);
    });

    slowIt(
      'when messages share an ordering key on an ordered subscription, then each is handled only after the one before succeeds',
      async () => {
        const t = topic();
        const handled: number[] = [];
        let nacked = false;
        const ordered = recorder((m) => {
          const { n } = payload(m) as { n: number };
          // The first message fails once: the later ones must wait for its redelivery.
          if (n === 0 && !nacked) return ((nacked = true), { status: 'retry', reason: 'first try fails' });
          handled.push(n);
          return { status: 'done' };
        });
        const bus = await start([{ spec: spec('ordered', t, { ordered: true }), handler: ordered.handler }]);

        for (let n = 0; n < 5; n++) await bus.publisher.publish(t, message({ n }, {}, 'visitor-1'));

        await until(() => handled.length === 5, 'five messages handled');
        expect(handled).toEqual([0, 1, 2, 3, 4]);
      },
    );

    slowIt('when a handler answers retry, then the message is delivered again until it is done', async () => {
      const t = topic();
      const flaky = recorder((_m, seen) =>
        seen.length < 3 ? { status: 'retry', reason: 'dependency down' } : { status: 'done' },
      );
      const bus = await start([{ spec: spec('flaky', t), handler: flaky.handler }]);

      const id = await bus.publisher.publish(t, message({ n: 1 }));

      await until(() => flaky.received.length >= 3, 'three deliveries');
      await sleep(1500);
      expect(flaky.received.map((m) => m.messageId)).toEqual([id, id, id]);
    });

    slowIt(
      'when a handler outlives its lease (the ack deadline, with any extension the bus gives a running handler), then the message is delivered again',
      async () => {
        const t = topic();
        let redelivered!: () => void;
        const second = new Promise<void>((r) => (redelivered = r));
        const slow = recorder(async (_m, seen) => {
          if (seen.length > 1) return (redelivered(), { status: 'done' });
          await Promise.race([second, sleep(adapter.patienceMs)]);
          return { status: 'done' };
        });
        const bus = await start([{ spec: spec('slow', t), handler: slow.handler }]);

        const id = await bus.publisher.publish(t, message({ n: 1 }));

        await until(() => slow.received.length >= 2, 'the redelivery');
        expect(slow.received.slice(0, 2).map((m) => m.messageId)).toEqual([id, id]);
      },
    );

    slowIt(
      'when a handler rejects a poison message, then it is dead-lettered at once with its reason',
      async () => {
        const t = topic();
        const poison = recorder(() => ({ status: 'rejected', reason: 'does not decode' }));
        const letters = acknowledge();
        const bus = await start([
          { spec: spec('poison', t), handler: poison.handler },
          { spec: DEAD_LETTERS, handler: letters.handler },
        ]);

        const id = await bus.publisher.publish(t, message({ n: 1 }, { version: '1' }, 'k-1'));

        const letter = await until(() => letters.received[0], 'the dead letter');
        expect(letter.attributes).toMatchObject({
          version: '1',
          [DEAD_LETTER.subscription]: 'contract.poison',
          [DEAD_LETTER.topic]: t,
          [DEAD_LETTER.messageId]: id,
          [DEAD_LETTER.kind]: 'rejected',
          [DEAD_LETTER.reason]: 'does not decode',
          [DEAD_LETTER.attempts]: '1',
        });
        expect(payload(letter)).toEqual({ n: 1 });
        await sleep(1500);
        expect(poison.received).toHaveLength(1);
      },
    );

    const exhaustedTest = adapter.gaps.deadLetterForwarding
      ? `when every attempt fails, then the last one is dead-lettered as exhausted (${adapter.gaps.deadLetterForwarding})`
      : 'when every attempt fails, then the last one is dead-lettered as exhausted';
    slowIt(exhaustedTest, async () => {
      const t = topic();
      const failing = recorder(() => ({ status: 'retry', reason: 'still down' }));
      const letters = acknowledge();
      const failingSpec = spec('failing', t);
      const bus = await start([
        { spec: failingSpec, handler: failing.handler },
        { spec: DEAD_LETTERS, handler: letters.handler },
      ]);
      const sent = message({ n: 1 });

      if (bus.pushAttempt) {
        // The route answers an earlier attempt with a retry status and dead-letters the last one itself.
        expect(await bus.pushAttempt(failingSpec.name, sent, failingSpec.maxDeliveryAttempts - 1)).toBe(503);
        expect(await bus.pushAttempt(failingSpec.name, sent, failingSpec.maxDeliveryAttempts)).toBe(204);
      } else {
        await bus.publisher.publish(t, sent);
      }

      const letter = await until(() => letters.received[0], 'the dead letter');
      expect(letter.attributes).toMatchObject({
        [DEAD_LETTER.subscription]: failingSpec.name,
        [DEAD_LETTER.kind]: 'exhausted',
        [DEAD_LETTER.reason]: 'still down',
        [DEAD_LETTER.attempts]: String(failingSpec.maxDeliveryAttempts),
      });
      if (!bus.pushAttempt) expect(failing.received.map((m) => m.deliveryAttempt)).toEqual([1, 2, 3, 4, 5]);
    });

    slowIt(
      'when a message is published twice and its first delivery fails after its effect, then an idempotent handler applies it once',
      async () => {
        const t = topic();
        const applied: string[] = [];
        const idempotent = recorder((m, seen) => {
          const { orderId } = payload(m) as { orderId: string };
          if (!applied.includes(orderId)) applied.push(orderId);
          // The effect is recorded, then the acknowledgement is lost: the bus must deliver again.
          return seen.length === 1
            ? { status: 'retry', reason: 'crashed after the write' }
            : { status: 'done' };
        });
        const bus = await start([{ spec: spec('idempotent', t), handler: idempotent.handler }]);

        // The publisher retried after a timeout: the same event, two messages.
        await bus.publisher.publish(t, message({ orderId: 'o-1' }));
        await bus.publisher.publish(t, message({ orderId: 'o-1' }));

        await until(() => idempotent.received.length >= 3, 'every delivery');
        expect(new Set(idempotent.received.map((m) => m.messageId)).size).toBe(2);
        expect(applied).toEqual(['o-1']);
      },
    );
  });
}

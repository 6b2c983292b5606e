import { PubSub, type Message, type Subscription } from '@google-cloud/pubsub';
import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { PubSubEventPublisher } from './event-publisher.pubsub';

/** Waits for `count` messages on a pull subscription, acknowledging each. */
function receive(subscription: Subscription, count: number, timeoutMs = 15_000): Promise<Message[]> {
  return new Promise((resolve, reject) => {
    const received: Message[] = [];
    const stop = () => {
      clearTimeout(timer);
      subscription.off('message', onMessage);
      subscription.off('error', onError);
    };
    const onMessage = (message: Message) => {
      message.ack();
      received.push(message);
      if (received.length >= count) {
        stop();
        resolve(received);
      }
    };
    const onError = (err: Error) => {
      stop();
      reject(err);
    };
    const timer = setTimeout(() => {
      stop();
      reject(new Error(`received ${received.length} of ${count} messages`));
    }, timeoutMs);
    subscription.on('message', onMessage);
    subscription.on('error', onError);
  });
}

describe('PubSubEventPublisher with a stubbed client', () => {
  function stubbed(publishMessage: () => Promise<string>) {
    const topic = {
      publishMessage: vi.fn(publishMessage),
      resumePublishing: vi.fn(),
      flush: vi.fn(async () => undefined),
    };
    const pubsub = { topic: vi.fn(() => topic) };
    return { topic, pubsub, publisher: new PubSubEventPublisher(pubsub as unknown as PubSub) };
  }

  it('when an ordered publish fails, then its key is resumed and the error reaches the caller', async () => {
    const { topic, publisher } = stubbed(() => Promise.reject(new Error('unavailable')));

    await expect(
      publisher.publish('t', { data: Buffer.from('x'), attributes: {}, orderingKey: 'k' }),
    ).rejects.toThrow('unavailable');
    await expect(publisher.publish('t', { data: Buffer.from('x'), attributes: {} })).rejects.toThrow(
      'unavailable',
    );

    expect(topic.resumePublishing.mock.calls).toEqual([['k']]);
  });

  it('when one topic is published to repeatedly, then its topic object is made once, with ordering on', async () => {
    const { pubsub, publisher } = stubbed(() => Promise.resolve('id'));

    await publisher.publish('t', { data: Buffer.from('1'), attributes: {} });
    await publisher.publish('t', { data: Buffer.from('2'), attributes: {}, orderingKey: 'k' });

    expect(pubsub.topic.mock.calls).toEqual([['t', { messageOrdering: true }]]);
  });
});

describe.skipIf(!process.env.PUBSUB_EMULATOR_HOST)(
  'PubSubEventPublisher against the Pub/Sub emulator',
  () => {
    // A project of its own per run: the emulator keeps state across runs and test files.
    const pubsub = new PubSub({ projectId: `publisher-${randomUUID().slice(0, 8)}` });
    let publisher: PubSubEventPublisher;
    const subscriptions: Subscription[] = [];

    /** A fresh topic with an ordered pull subscription on it. */
    async function topicWithSubscription(): Promise<{ topic: string; subscription: Subscription }> {
      const topic = `topic-${randomUUID().slice(0, 8)}`;
      await pubsub.createTopic(topic);
      const [subscription] = await pubsub
        .topic(topic)
        .createSubscription(`${topic}.pull`, { enableMessageOrdering: true });
      subscriptions.push(subscription);
      return { topic, subscription };
    }

    beforeAll(() => {
      publisher = new PubSubEventPublisher(pubsub);
    });

    afterAll(async () => {
      await publisher.flush();
      for (const subscription of subscriptions) {
        await subscription.close();
        await subscription.delete();
      }
      await pubsub.close();
    });

    it('when a message is published, then a subscriber receives its data, attributes and ordering key', async () => {
      const { topic, subscription } = await topicWithSubscription();
      const data = Buffer.from(JSON.stringify({ imageId: 'img_1' }));

      const messageId = await publisher.publish(topic, {
        data,
        attributes: { event: 'image.updated', version: '1' },
        orderingKey: 'participant-1',
      });

      const [message] = await receive(subscription, 1);
      expect(message!.id).toBe(messageId);
      expect(message!.data).toEqual(data);
      expect(message!.attributes).toEqual({ event: 'image.updated', version: '1' });
      expect(message!.orderingKey).toBe('participant-1');
    });

    it('when a message has no ordering key, then it arrives without one', async () => {
      const { topic, subscription } = await topicWithSubscription();

      await publisher.publish(topic, { data: Buffer.from('x'), attributes: {} });

      const [message] = await receive(subscription, 1);
      expect(message!.orderingKey ?? '').toBe('');
    });

    it('when many messages share ordering keys, then each key’s messages arrive in publish order', async () => {
      const { topic, subscription } = await topicWithSubscription();
      const sent = Array.from({ length: 40 }, (_, i) => ({ key: `k${i % 2}`, seq: i }));

      // Published without awaiting each: the client batches them, ordering must survive that.
      const receiving = receive(subscription, sent.length);
      await Promise.all(
        sent.map(({ key, seq }) =>
          publisher.publish(topic, {
            data: Buffer.from(String(seq)),
            attributes: { seq: String(seq) },
            orderingKey: key,
          }),
        ),
      );

      const received = await receiving;
      for (const key of ['k0', 'k1']) {
        const expected = sent.filter((m) => m.key === key).map((m) => String(m.seq));
        expect(received.filter((m) => m.orderingKey === key).map((m) => m.data.toString())).toEqual(expected);
      }
    });

    it('when an ordered publish fails, then the next publish with its key goes through', async () => {
      const topic = `topic-${randomUUID().slice(0, 8)}`;

      await expect(
        publisher.publish(topic, { data: Buffer.from('lost'), attributes: {}, orderingKey: 'stuck?' }),
      ).rejects.toMatchObject({ code: 5 }); // NOT_FOUND: the topic does not exist yet

      await pubsub.createTopic(topic);
      const [subscription] = await pubsub
        .topic(topic)
        .createSubscription(`${topic}.pull`, { enableMessageOrdering: true });
      subscriptions.push(subscription);
      await publisher.publish(topic, { data: Buffer.from('second'), attributes: {}, orderingKey: 'stuck?' });

      const [message] = await receive(subscription, 1);
      expect(message!.data.toString()).toBe('second');
    });
  },
);

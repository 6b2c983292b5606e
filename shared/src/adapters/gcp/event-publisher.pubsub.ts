import type { PubSub, Topic } from '@google-cloud/pubsub';
import type { EventPublisher, OutgoingMessage } from '../../ports/event-bus.port';

/**
 * Publishes to Cloud Pub/Sub (or its emulator: the client follows PUBSUB_EMULATOR_HOST). One Topic object per topic,
 * kept, so the client's batching works across calls. Ordering is enabled on every publisher: a message with an
 * ordering key is sent after the earlier ones with that key, and one without a key is not held back by any.
 */
export class PubSubEventPublisher implements EventPublisher {
  private readonly topics = new Map<string, Topic>();

  constructor(private readonly pubsub: PubSub) {}

  async publish(topic: string, message: OutgoingMessage): Promise<string> {
    const publisher = this.topicFor(topic);
    try {
      return await publisher.publishMessage({
        data: message.data,
        attributes: message.attributes,
        ...(message.orderingKey ? { orderingKey: message.orderingKey } : {}),
      });
    } catch (err) {
      // The client's documented contract: after a failed publish it refuses every later message with that key until
      // told to resume (5.3 happens to drop the failed queue, but that is not promised). The caller sees this
      // failure and retries; the key must not stay blocked for everyone else meanwhile.
      if (message.orderingKey) publisher.resumePublishing(message.orderingKey);
      throw err;
    }
  }

  /** Sends whatever is still batched: call before closing the PubSub client on shutdown. */
  async flush(): Promise<void> {
    await Promise.all([...this.topics.values()].map((t) => t.flush()));
  }

  private topicFor(name: string): Topic {
    let topic = this.topics.get(name);
    if (!topic) {
      topic = this.pubsub.topic(name, { messageOrdering: true });
      this.topics.set(name, topic);
    }
    return topic;
  }
}

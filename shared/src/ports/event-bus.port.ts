/** A message as it travels: bytes plus string attributes, like Pub/Sub's. */
export interface OutgoingMessage {
  data: Buffer;
  attributes: Record<string, string>;
  /** Messages with the same key are delivered in publish order (subscriptions that enable ordering). */
  orderingKey?: string;
}

export interface ReceivedMessage {
  messageId: string;
  data: Buffer;
  attributes: Record<string, string>;
  orderingKey: string | null;
  publishTime: Date;
  /** 1 on the first delivery. */
  deliveryAttempt: number;
  subscription: string;
}

/**
 * What a handler decided: `done` and `skipped` acknowledge; `retry` asks for redelivery with backoff (until the
 * subscription's attempts run out and it is dead-lettered); `rejected` acknowledges a poison message and records it
 * as a dead letter with its reason, so it is never retried forever.
 */
export type HandlerOutcome =
  | { status: 'done' }
  | { status: 'skipped'; reason: string }
  | { status: 'retry'; reason: string }
  | { status: 'rejected'; reason: string };

export type MessageHandler = (message: ReceivedMessage) => Promise<HandlerOutcome>;

/** Publishes to a topic. The embedded bus and Cloud Pub/Sub both implement it. */
export interface EventPublisher {
  publish(topic: string, message: OutgoingMessage): Promise<string>;
}

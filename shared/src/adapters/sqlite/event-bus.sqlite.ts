import { randomUUID } from 'node:crypto';
import { EventEmitter } from 'node:events';
import type { SqliteDatabase } from './database';
import type { Clock } from '../../ports/common';
import type {
  EventPublisher,
  HandlerOutcome,
  MessageHandler,
  OutgoingMessage,
} from '../../ports/event-bus.port';
import { DEAD_LETTER_TOPIC, type SubscriptionSpec } from '../../events/topology';
import type { Logger } from '../../http/logger';
import { Subscriber, type DeliveryRow, type SubscriberHost } from './event-bus-subscriber';
import { LeaseKeeper, reclaimEarlierLeases, type ReclaimedLeases } from './event-bus-leases';
import { DeliveryLedger } from './event-bus-ledger';

export type { ReclaimedLeases } from './event-bus-leases';

export interface EmbeddedBusOptions {
  clock: Clock;
  logger: Logger;
  /** How often an idle subscriber looks for due messages (publishes in this process wake it at once). */
  pollIntervalMs?: number;
  /** Multiplies every retry backoff: tests run the retry schedule faster. */
  backoffScale?: number;
  /**
   * Multiplies ack deadlines and the maximum lease extension: only for tests that watch a lease run out. A running
   * handler's lease is extended anyway, so a test that only wants fast retries leaves it at 1.
   */
  leaseScale?: number;
  /** How long after its handler started a delivery's lease is still extended: 60 min by default, as in Pub/Sub. */
  maxLeaseExtensionSeconds?: number;
  /** Names this run of the process in the leases it takes; a fresh id by default. */
  incarnation?: string;
}

/**
 * A durable event bus in SQLite with the semantics of Pub/Sub that the services rely on: topics fan out to
 * subscriptions (with attribute filters), delivery is at-least-once under an ack deadline (a lease), a retry waits an
 * exponential backoff, ordered subscriptions hold back later messages of an ordering key until the earlier one is
 * acknowledged, and after the last attempt a message goes to the dead-letter topic with its reason.
 * Every state lives in the database (`DeliveryLedger` makes each change of it), so a restart loses nothing. A lease
 * names the incarnation that took it: the process that holds the data directory takes back an earlier incarnation's
 * leases at start-up (`reclaimLeases`), at once and without counting them as attempts, while a lease that runs out
 * under a live incarnation counts as one.
 * While a handler of this process runs, its lease is extended (`LeaseKeeper`), so it runs out only past the maximum
 * extension or when the event loop was blocked for half an ack deadline.
 */
export class EmbeddedEventBus implements EventPublisher, SubscriberHost {
  private readonly specs = new Map<string, SubscriptionSpec>();
  private readonly wake = new EventEmitter();
  private readonly subscribers: Subscriber[] = [];
  private readonly leaseScale: number;
  private readonly keeper: LeaseKeeper;
  private readonly ledger: DeliveryLedger;
  readonly incarnation: string;

  constructor(
    private readonly db: SqliteDatabase,
    subscriptions: SubscriptionSpec[],
    private readonly options: EmbeddedBusOptions,
  ) {
    this.leaseScale = options.leaseScale ?? 1;
    this.incarnation = options.incarnation ?? randomUUID();
    this.keeper = new LeaseKeeper(db, {
      clock: options.clock,
      logger: options.logger,
      incarnation: this.incarnation,
      maxExtensionMs: (options.maxLeaseExtensionSeconds ?? 3600) * 1000 * this.leaseScale,
    });
    this.ledger = new DeliveryLedger(db, this.specs, {
      clock: options.clock,
      logger: options.logger,
      incarnation: this.incarnation,
      backoffScale: options.backoffScale ?? 1,
    });
    this.wake.setMaxListeners(0);
    const upsert = db.prepare(
      'INSERT INTO bus_subscriptions (name, topic, spec) VALUES (?, ?, ?) ON CONFLICT (name) DO UPDATE SET topic = excluded.topic, spec = excluded.spec',
    );
    db.transaction(() => {
      for (const spec of subscriptions) {
        upsert.run(spec.name, spec.topic, JSON.stringify(spec));
        this.specs.set(spec.name, spec);
      }
    })();
  }

  async publish(topic: string, message: OutgoingMessage): Promise<string> {
    const messageId = randomUUID();
    this.ledger.insert(topic, messageId, message);
    this.wake.emit('published', topic);
    return messageId;
  }

  /** Starts delivering a subscription's messages to `handler`, at most `concurrency` at a time. */
  subscribe(subscription: string, handler: MessageHandler, concurrency = 4): void {
    const spec = this.specs.get(subscription);
    if (!spec) throw new Error(`Unknown subscription ${subscription}`);
    const subscriber = new Subscriber(this, spec, handler, concurrency);
    this.subscribers.push(subscriber);
    subscriber.start();
  }

  /** Stops pulling and waits for the deliveries in flight to finish. */
  async close(): Promise<void> {
    await Promise.all(this.subscribers.map((s) => s.stop()));
    this.subscribers.length = 0;
    this.keeper.close();
  }

  /**
   * Makes every lease held by another incarnation due again at once, giving back the attempt it counted: that
   * process died with the delivery in flight, its handler never failed. Only the process that holds the data
   * directory may call this (a live process's leases would be taken from under it).
   */
  reclaimLeases(): ReclaimedLeases {
    return reclaimEarlierLeases(this.db, this.incarnation, this.options.clock.now().getTime());
  }

  /** Messages not yet acknowledged, per subscription: for readiness checks and tests. */
  backlog(subscription: string): number {
    return this.ledger.backlog(subscription);
  }

  /** Resolves when every listed subscription has an empty backlog. */
  async drained(subscriptions: string[], timeoutMs = 10_000): Promise<void> {
    const deadline = Date.now() + timeoutMs;
    while (subscriptions.some((s) => this.backlog(s) > 0)) {
      if (Date.now() > deadline) throw new Error(`bus not drained: ${subscriptions.join(', ')}`);
      await new Promise((r) => setTimeout(r, 10));
    }
  }

  // ——— used by Subscriber ———

  /** Leases up to `limit` due deliveries, after extending the leases of the handlers still running. */
  lease(spec: SubscriptionSpec, limit: number): DeliveryRow[] {
    this.keeper.extendDue();
    return this.ledger.lease(spec, limit, this.deadlineMs(spec));
  }

  /** Keeps a leased delivery's lease while its handler runs; the returned release ends that. */
  hold(spec: SubscriptionSpec, row: DeliveryRow): () => void {
    return this.keeper.hold({
      subscription: spec.name,
      seq: row.seq,
      attempts: row.attempts,
      messageId: row.message_id,
      deadlineMs: this.deadlineMs(spec),
    });
  }

  /** Settles one delivery attempt; one that may have dead-lettered wakes the dead-letter subscribers. */
  settle(spec: SubscriptionSpec, row: DeliveryRow, outcome: HandlerOutcome): void {
    this.ledger.settle(spec, row, outcome);
    if (outcome.status === 'retry' || outcome.status === 'rejected')
      this.wake.emit('published', DEAD_LETTER_TOPIC);
  }

  get logger(): Logger {
    return this.options.logger;
  }

  get pollIntervalMs(): number {
    return this.options.pollIntervalMs ?? 250;
  }

  onPublish(listener: (topic: string) => void): () => void {
    this.wake.on('published', listener);
    return () => this.wake.off('published', listener);
  }

  private deadlineMs(spec: SubscriptionSpec): number {
    return spec.ackDeadlineSeconds * 1000 * this.leaseScale;
  }
}

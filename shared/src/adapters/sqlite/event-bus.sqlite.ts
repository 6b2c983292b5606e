import { randomUUID } from 'node:crypto';
import { EventEmitter } from 'node:events';
import type { Statement } from 'better-sqlite3';
import type { SqliteDatabase } from './database';
import type { Clock } from '../../ports/common';
import type {
  EventPublisher,
  HandlerOutcome,
  MessageHandler,
  OutgoingMessage,
} from '../../ports/event-bus.port';
import { DEAD_LETTER_TOPIC, type SubscriptionSpec } from '../../events/topology';
import {
  backoffMs,
  deadLetterAttributes,
  interruptedLeaseCounts,
  matchesFilter,
} from '../../bus/delivery-policy';
import type { Logger } from '../../http/logger';
import { Subscriber, type DeliveryRow, type SubscriberHost } from './event-bus-subscriber';
import { LeaseKeeper, reclaimEarlierLeases, type ReclaimedLeases } from './event-bus-leases';

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
 * Every state lives in the database, so a restart loses nothing. A lease names the incarnation that took it: the
 * process that holds the data directory takes back an earlier incarnation's leases at start-up (`reclaimLeases`), at
 * once and without counting them as attempts, while a lease that runs out under a live incarnation counts as one.
 * While a handler of this process runs, its lease is extended (`LeaseKeeper`), so it runs out only past the maximum
 * extension or when the event loop was blocked for half an ack deadline.
 */
export class EmbeddedEventBus implements EventPublisher, SubscriberHost {
  private readonly specs = new Map<string, SubscriptionSpec>();
  /**
   * Statements by their SQL, prepared once: every subscription polls several times a second, and preparing its
   * statements again on each poll was most of the time the bus took from the event loop it shares with the servers.
   */
  private readonly statements = new Map<string, Statement<unknown[]>>();
  private readonly wake = new EventEmitter();
  private readonly subscribers: Subscriber[] = [];
  private readonly backoffScale: number;
  private readonly leaseScale: number;
  private readonly keeper: LeaseKeeper;
  readonly incarnation: string;

  constructor(
    private readonly db: SqliteDatabase,
    subscriptions: SubscriptionSpec[],
    private readonly options: EmbeddedBusOptions,
  ) {
    this.backoffScale = options.backoffScale ?? 1;
    this.leaseScale = options.leaseScale ?? 1;
    this.incarnation = options.incarnation ?? randomUUID();
    this.keeper = new LeaseKeeper(db, {
      clock: options.clock,
      logger: options.logger,
      incarnation: this.incarnation,
      maxExtensionMs: (options.maxLeaseExtensionSeconds ?? 3600) * 1000 * this.leaseScale,
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
    this.insert(topic, messageId, message);
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
    const count = this.prepared('SELECT count(*) AS n FROM bus_deliveries WHERE subscription = ?').get(
      subscription,
    );
    return (count as { n: number }).n;
  }

  /** Resolves when every listed subscription has an empty backlog. */
  async drained(subscriptions: string[], timeoutMs = 10_000): Promise<void> {
    const deadline = Date.now() + timeoutMs;
    while (subscriptions.some((s) => this.backlog(s) > 0)) {
      if (Date.now() > deadline) throw new Error(`bus not drained: ${subscriptions.join(', ')}`);
      await new Promise((r) => setTimeout(r, 10));
    }
  }

  // ——— internals used by Subscriber ———

  private insert(topic: string, messageId: string, message: OutgoingMessage): void {
    const now = this.options.clock.now().getTime();
    const targets = [...this.specs.values()].filter(
      (s) => s.topic === topic && matchesFilter(s, message.attributes),
    );
    // As in Pub/Sub, a message no subscription matches is not kept.
    if (targets.length === 0) return;
    this.db.transaction(() => {
      const { lastInsertRowid } = this.prepared(
        'INSERT INTO bus_messages (message_id, topic, data, attributes, ordering_key, publish_time) VALUES (?, ?, ?, ?, ?, ?)',
      ).run(
        messageId,
        topic,
        message.data,
        JSON.stringify(message.attributes),
        message.orderingKey ?? null,
        now,
      );
      const deliver = this.prepared(
        "INSERT INTO bus_deliveries (subscription, seq, ordering_key, state, available_at) VALUES (?, ?, ?, 'pending', ?)",
      );
      for (const spec of targets)
        deliver.run(spec.name, lastInsertRowid, spec.ordered ? (message.orderingKey ?? null) : null, now);
    })();
  }

  /** Leases up to `limit` due deliveries; for ordered subscriptions only the head of each ordering key is due. */
  lease(spec: SubscriptionSpec, limit: number): DeliveryRow[] {
    this.keeper.extendDue();
    const now = this.options.clock.now().getTime();
    const leaseUntil = now + this.deadlineMs(spec);
    return this.db
      .transaction(() => {
        const rows = this.prepared(
          `SELECT d.seq, m.message_id, m.topic, m.data, m.attributes, m.ordering_key, m.publish_time, d.attempts, d.state,
                    d.lease_owner AS owner
             FROM bus_deliveries d JOIN bus_messages m ON m.seq = d.seq
            WHERE d.subscription = ?
              AND ((d.state = 'pending' AND d.available_at <= ?) OR (d.state = 'leased' AND d.lease_expires_at <= ?))
              AND (d.ordering_key IS NULL OR NOT EXISTS (
                    SELECT 1 FROM bus_deliveries e
                     WHERE e.subscription = d.subscription AND e.ordering_key = d.ordering_key AND e.seq < d.seq))
            ORDER BY d.seq LIMIT ?`,
        ).all(spec.name, now, now, limit) as (DeliveryRow & { state: string; owner: string | null })[];
        const take = this.prepared(
          "UPDATE bus_deliveries SET state = 'leased', attempts = ?, lease_expires_at = ?, lease_owner = ? WHERE subscription = ? AND seq = ?",
        );
        const drop = this.prepared('DELETE FROM bus_deliveries WHERE subscription = ? AND seq = ?');
        const leased: DeliveryRow[] = [];
        for (const { state, owner, ...row } of rows) {
          // An attempt whose lease ran out under this incarnation counts, as in Pub/Sub: a handler that always outlives
          // the ack deadline is dead-lettered after the last attempt rather than redelivered forever. One that ran out
          // because its process died is given back (normally `reclaimLeases` has already done so at start-up).
          const counted = state !== 'leased' || interruptedLeaseCounts({ owner }, this.incarnation);
          if (
            state === 'leased' &&
            counted &&
            row.attempts >= spec.maxDeliveryAttempts &&
            spec.topic !== DEAD_LETTER_TOPIC
          ) {
            drop.run(spec.name, row.seq);
            this.forget(row.seq);
            this.deadLetter(
              spec,
              row,
              'exhausted',
              `no acknowledgement before the lease ran out (the ${spec.ackDeadlineSeconds} s ack deadline, extended while the handler ran up to the maximum extension)`,
            );
            continue;
          }
          if (counted) row.attempts += 1;
          take.run(row.attempts, leaseUntil, this.incarnation, spec.name, row.seq);
          leased.push(row);
        }
        return leased;
      })
      .immediate();
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

  private deadlineMs(spec: SubscriptionSpec): number {
    return spec.ackDeadlineSeconds * 1000 * this.leaseScale;
  }

  /** Settles one delivery attempt. A late settle of an attempt whose lease was taken over does nothing. */
  settle(spec: SubscriptionSpec, row: DeliveryRow, outcome: HandlerOutcome): void {
    const now = this.options.clock.now().getTime();
    const mine = 'subscription = ? AND seq = ? AND attempts = ? AND lease_owner = ?';
    const attempt = [spec.name, row.seq, row.attempts, this.incarnation];
    this.db
      .transaction(() => {
        if (!this.prepared(`SELECT 1 FROM bus_deliveries WHERE ${mine}`).get(...attempt)) return;
        if (
          outcome.status === 'retry' &&
          (row.attempts < spec.maxDeliveryAttempts || spec.topic === DEAD_LETTER_TOPIC)
        ) {
          const delay = backoffMs(spec, row.attempts) * this.backoffScale;
          this.prepared(
            `UPDATE bus_deliveries SET state = 'pending', available_at = ?, lease_expires_at = NULL, last_error = ? WHERE ${mine}`,
          ).run(now + delay, outcome.reason, ...attempt);
        } else {
          this.prepared(`DELETE FROM bus_deliveries WHERE ${mine}`).run(...attempt);
          if (outcome.status === 'retry' || outcome.status === 'rejected')
            this.deadLetter(
              spec,
              row,
              outcome.status === 'rejected' ? 'rejected' : 'exhausted',
              outcome.reason,
            );
        }
        this.forget(row.seq);
      })
      .immediate();
    if (outcome.status === 'retry' || outcome.status === 'rejected')
      this.wake.emit('published', DEAD_LETTER_TOPIC);
  }

  /** Removes a message once no subscription holds a delivery of it. */
  private forget(seq: number): void {
    this.prepared(
      'DELETE FROM bus_messages WHERE seq = ? AND NOT EXISTS (SELECT 1 FROM bus_deliveries WHERE seq = ?)',
    ).run(seq, seq);
  }

  /** Sends a delivery that will not succeed to the dead-letter topic (inside the caller's transaction). */
  private deadLetter(
    spec: SubscriptionSpec,
    row: DeliveryRow,
    kind: 'rejected' | 'exhausted',
    reason: string,
  ): void {
    if (spec.topic === DEAD_LETTER_TOPIC) {
      // Dead-lettering a dead letter would hand it straight back to this handler, in a loop without backoff.
      this.options.logger.error(
        { subscription: spec.name, messageId: row.message_id, reason },
        'dead letter rejected: dropped',
      );
      return;
    }
    const original = JSON.parse(row.attributes) as Record<string, string>;
    const attributes = deadLetterAttributes({
      spec,
      messageId: row.message_id,
      topic: row.topic,
      attempts: row.attempts,
      kind,
      reason,
      orderingKey: row.ordering_key,
    });
    this.insert(DEAD_LETTER_TOPIC, randomUUID(), {
      data: row.data,
      attributes: { ...original, ...attributes },
    });
  }

  get logger(): Logger {
    return this.options.logger;
  }

  private prepared(sql: string): Statement<unknown[]> {
    let statement = this.statements.get(sql);
    if (!statement) this.statements.set(sql, (statement = this.db.prepare(sql)));
    return statement;
  }

  get pollIntervalMs(): number {
    return this.options.pollIntervalMs ?? 250;
  }

  onPublish(listener: (topic: string) => void): () => void {
    this.wake.on('published', listener);
    return () => this.wake.off('published', listener);
  }
}

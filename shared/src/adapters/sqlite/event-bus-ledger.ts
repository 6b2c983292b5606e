import { randomUUID } from 'node:crypto';
import type { Statement } from 'better-sqlite3';
import type { SqliteDatabase } from './database';
import type { Clock } from '../../ports/common';
import type { HandlerOutcome, OutgoingMessage } from '../../ports/event-bus.port';
import { DEAD_LETTER_TOPIC, type SubscriptionSpec } from '../../events/topology';
import {
  backoffMs,
  deadLetterAttributes,
  interruptedLeaseCounts,
  matchesFilter,
} from '../../bus/delivery-policy';
import type { Logger } from '../../http/logger';
import type { DeliveryRow } from './event-bus-subscriber';

export interface DeliveryLedgerOptions {
  clock: Clock;
  logger: Logger;
  /** The incarnation whose leases this ledger takes and settles. */
  incarnation: string;
  /** Multiplies every retry backoff. */
  backoffScale: number;
}

/**
 * The bus's messages and deliveries in SQLite, and every change of a delivery's state: a published message fans out to
 * the subscriptions that match it, a due delivery is leased (or dead-lettered once its last lease ran out), and an
 * attempt settles as acknowledged, retried after a backoff, or dead-lettered. A message is forgotten once no
 * subscription holds a delivery of it. Each change is one transaction.
 */
export class DeliveryLedger {
  /**
   * Statements by their SQL, prepared once: every subscription polls several times a second, and preparing its
   * statements again on each poll was most of the time the bus took from the event loop it shares with the servers.
   */
  private readonly statements = new Map<string, Statement<unknown[]>>();

  constructor(
    private readonly db: SqliteDatabase,
    private readonly specs: ReadonlyMap<string, SubscriptionSpec>,
    private readonly options: DeliveryLedgerOptions,
  ) {}

  /** Stores a message with a pending delivery for every subscription of its topic whose filter it matches. */
  insert(topic: string, messageId: string, message: OutgoingMessage): void {
    const now = this.now();
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

  /**
   * Leases up to `limit` due deliveries for `leaseMs`; for ordered subscriptions only the head of each ordering key is
   * due.
   */
  lease(spec: SubscriptionSpec, limit: number, leaseMs: number): DeliveryRow[] {
    const now = this.now();
    const { incarnation } = this.options;
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
          const counted = state !== 'leased' || interruptedLeaseCounts({ owner }, incarnation);
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
          take.run(row.attempts, now + leaseMs, incarnation, spec.name, row.seq);
          leased.push(row);
        }
        return leased;
      })
      .immediate();
  }

  /** Settles one delivery attempt. A late settle of an attempt whose lease was taken over does nothing. */
  settle(spec: SubscriptionSpec, row: DeliveryRow, outcome: HandlerOutcome): void {
    const now = this.now();
    const mine = 'subscription = ? AND seq = ? AND attempts = ? AND lease_owner = ?';
    const attempt = [spec.name, row.seq, row.attempts, this.options.incarnation];
    this.db
      .transaction(() => {
        if (!this.prepared(`SELECT 1 FROM bus_deliveries WHERE ${mine}`).get(...attempt)) return;
        if (
          outcome.status === 'retry' &&
          (row.attempts < spec.maxDeliveryAttempts || spec.topic === DEAD_LETTER_TOPIC)
        ) {
          const delay = backoffMs(spec, row.attempts) * this.options.backoffScale;
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
  }

  /** Messages not yet acknowledged by a subscription. */
  backlog(subscription: string): number {
    const count = this.prepared('SELECT count(*) AS n FROM bus_deliveries WHERE subscription = ?').get(
      subscription,
    );
    return (count as { n: number }).n;
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

  private prepared(sql: string): Statement<unknown[]> {
    let statement = this.statements.get(sql);
    if (!statement) this.statements.set(sql, (statement = this.db.prepare(sql)));
    return statement;
  }

  private now(): number {
    return this.options.clock.now().getTime();
  }
}

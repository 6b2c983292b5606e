import type { Statement } from 'better-sqlite3';
import type { SqliteDatabase } from './database';
import type { Clock } from '../../ports/common';
import type { Logger } from '../../http/logger';
import {
  extendedLeaseUntil,
  interruptedLeaseCounts,
  leaseExtensionLimit,
  type RunningLease,
} from '../../bus/delivery-policy';

/** A delivery this process holds while its handler runs. */
export interface HeldDelivery {
  subscription: string;
  seq: number;
  /** The attempt the lease was taken for: a lease taken over since (a later attempt) is not this one. */
  attempts: number;
  messageId: string;
  deadlineMs: number;
}

interface HeldLease extends HeldDelivery, RunningLease {
  expiresAt: number;
  atLimit: boolean;
}

export interface LeaseKeeperOptions {
  clock: Clock;
  logger: Logger;
  incarnation: string;
  maxExtensionMs: number;
}

/**
 * Lease management as Pub/Sub's client libraries do it: while a handler of this process runs, its delivery's lease is
 * moved a full ack deadline ahead each time half of it has passed, up to the maximum extension after the handler
 * started. One timer and one UPDATE per tick serve every running delivery. An extension touches only a lease this
 * incarnation still holds at the same attempt, and is not an attempt.
 */
export class LeaseKeeper {
  private readonly held = new Set<HeldLease>();
  private readonly extend: Statement<[string, string]>;
  private timer: NodeJS.Timeout | null = null;
  private dueAt = Infinity;

  constructor(
    db: SqliteDatabase,
    private readonly options: LeaseKeeperOptions,
  ) {
    this.extend = db.prepare(
      `UPDATE bus_deliveries SET lease_expires_at = held.until
         FROM (SELECT value ->> 0 AS subscription, value ->> 1 AS seq, value ->> 2 AS attempts, value ->> 3 AS until
                 FROM json_each(?)) AS held
        WHERE bus_deliveries.subscription = held.subscription AND bus_deliveries.seq = held.seq
          AND bus_deliveries.attempts = held.attempts AND bus_deliveries.state = 'leased'
          AND bus_deliveries.lease_owner = ? AND bus_deliveries.lease_expires_at < held.until`,
    );
  }

  /** Keeps a delivery's lease until the returned release is called, when its handler has answered. */
  hold(delivery: HeldDelivery): () => void {
    const now = this.now();
    const lease: HeldLease = {
      ...delivery,
      receivedAt: now,
      expiresAt: now + delivery.deadlineMs,
      atLimit: false,
    };
    this.held.add(lease);
    this.schedule(now);
    return () => {
      this.held.delete(lease);
      this.schedule(this.now());
    };
  }

  /**
   * Extends every held lease once one of them is half through its deadline. The timer calls it, and so does the sweep
   * before it looks for expired leases, so a late timer on a busy machine does not hand a running delivery out again.
   */
  extendDue(): void {
    const now = this.now();
    if (now < this.dueAt) return;
    const moves: { lease: HeldLease; until: number }[] = [];
    for (const lease of this.held) {
      const until = extendedLeaseUntil(lease, this.options.maxExtensionMs, now);
      if (until > lease.expiresAt) moves.push({ lease, until });
    }
    try {
      if (moves.length > 0)
        this.extend.run(
          JSON.stringify(
            moves.map(({ lease, until }) => [lease.subscription, lease.seq, lease.attempts, until]),
          ),
          this.options.incarnation,
        );
    } catch (err) {
      this.options.logger.error({ err }, 'bus lease extension failed');
      this.schedule(now, true);
      return;
    }
    for (const { lease, until } of moves) {
      lease.expiresAt = until;
      if (until < leaseExtensionLimit(lease, this.options.maxExtensionMs)) continue;
      lease.atLimit = true;
      this.options.logger.warn(
        { subscription: lease.subscription, messageId: lease.messageId, leaseUntil: new Date(until) },
        'handler still running at the maximum lease extension: the message is delivered again when its lease runs out',
      );
    }
    this.schedule(now);
  }

  /** Stops the timer; the bus calls it once its handlers have answered. */
  close(): void {
    if (this.timer) clearTimeout(this.timer);
    this.timer = null;
    this.held.clear();
    this.dueAt = Infinity;
  }

  /** Arms the one timer for the earliest lease due for extension (after a failure: a quarter deadline from now). */
  private schedule(now: number, failed = false): void {
    if (this.timer) clearTimeout(this.timer);
    this.timer = null;
    this.dueAt = Infinity;
    for (const lease of this.held) {
      if (lease.atLimit) continue;
      const due = failed ? now + lease.deadlineMs / 4 : lease.expiresAt - lease.deadlineMs / 2;
      this.dueAt = Math.min(this.dueAt, due);
    }
    if (this.dueAt === Infinity) return;
    this.timer = setTimeout(() => this.extendDue(), Math.max(0, this.dueAt - now));
    this.timer.unref();
  }

  private now(): number {
    return this.options.clock.now().getTime();
  }
}

/** What taking back an earlier incarnation's leases did: how many, per subscription. */
export type ReclaimedLeases = Record<string, number>;

/**
 * Makes every lease held by another incarnation due again at once, giving back the attempt it counted: that process
 * died with the delivery in flight, its handler never failed.
 */
export function reclaimEarlierLeases(db: SqliteDatabase, incarnation: string, now: number): ReclaimedLeases {
  return db
    .transaction(() => {
      const leases = db
        .prepare("SELECT subscription, seq, lease_owner AS owner FROM bus_deliveries WHERE state = 'leased'")
        .all() as { subscription: string; seq: number; owner: string | null }[];
      const giveBack = db.prepare(
        `UPDATE bus_deliveries SET state = 'pending', available_at = ?, lease_expires_at = NULL, lease_owner = NULL,
                attempts = max(attempts - 1, 0)
          WHERE subscription = ? AND seq = ?`,
      );
      const reclaimed: ReclaimedLeases = {};
      for (const lease of leases) {
        if (interruptedLeaseCounts(lease, incarnation)) continue;
        giveBack.run(now, lease.subscription, lease.seq);
        reclaimed[lease.subscription] = (reclaimed[lease.subscription] ?? 0) + 1;
      }
      return reclaimed;
    })
    .immediate();
}

import type { ExternalChannel } from '../domain/notification';

/** `digest`: the end of a notification's digest window, when its channels are planned; then one per channel. */
export type DeliveryChannel = 'digest' | ExternalChannel;
export type DeliveryState = 'pending' | 'sending' | 'sent' | 'skipped' | 'cancelled' | 'failed';
export type FinalState = Extract<DeliveryState, 'sent' | 'skipped' | 'cancelled' | 'failed'>;

/** Delayed notification work, and the log that makes each (notification, channel) go out at most once at a time. */
export interface Delivery {
  /** The idempotency key: `${notificationId}:${channel}`. */
  id: string;
  notificationId: string;
  recipientVisitorId: string;
  channel: DeliveryChannel;
  state: DeliveryState;
  dueAt: Date;
  /** Claims so far; the claim that settles must carry the current number. */
  attempts: number;
  leaseExpiresAt: Date | null;
  /** Why the last attempt failed, or why it was skipped or cancelled. */
  lastError: string | null;
  createdAt: Date;
  settledAt: Date | null;
}

export const deliveryId = (notificationId: string, channel: DeliveryChannel): string =>
  `${notificationId}:${channel}`;

export interface DeliveryRepository {
  /** Insert-if-absent by idempotency key: scheduling the same (notification, channel) twice keeps the first. */
  schedule(input: {
    notificationId: string;
    recipientVisitorId: string;
    channel: DeliveryChannel;
    dueAt: Date;
    now: Date;
  }): Promise<{ outcome: 'created' | 'exists'; delivery: Delivery }>;
  /**
   * Atomically claims up to `limit` due deliveries (pending and due, or claimed earlier by a dispatcher whose lease
   * ran out), earliest due first: each becomes `sending` with attempts + 1 until `now + leaseMs`. Two dispatchers
   * never hold the same delivery: this claim is what makes a duplicate send once.
   */
  claimDue(now: Date, limit: number, leaseMs: number): Promise<Delivery[]>;
  /** Settles the claim numbered `attempt`; false (and nothing changes) when that claim was taken over. */
  settle(id: string, attempt: number, state: FinalState, reason: string | null, now: Date): Promise<boolean>;
  /** Puts the claim back to pending, due at `dueAt` (a retry after backoff); false when the claim was taken over. */
  retryAt(id: string, attempt: number, dueAt: Date, reason: string, now: Date): Promise<boolean>;
  /** Cancels the notification's pending deliveries (not one being sent); returns how many. */
  cancelPending(notificationId: string, reason: string, now: Date): Promise<number>;
  /** Deliveries of the recipient on the channel sent at or after `since`: the rate-limit state. */
  countSent(recipientVisitorId: string, channel: DeliveryChannel, since: Date): Promise<number>;
  get(id: string): Promise<Delivery | null>;
  listForNotification(notificationId: string): Promise<Delivery[]>;
}

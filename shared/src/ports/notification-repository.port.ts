import type { Notification } from '../domain/notification';
import type { Page, PageRequest } from './common';

/**
 * The in-app notifications (the inbox). They are created by the LikeRepository's transactions; their counts and
 * newest likers are aggregated here from the likes that joined them.
 */
export interface NotificationRepository {
  get(notificationId: string): Promise<Notification | null>;
  /** A recipient's inbox, newest first by creation (a stable order for paging). */
  list(recipientVisitorId: string, page: PageRequest): Promise<Page<Notification>>;
  /** Notifications created or changed after `since` (updatedAt > since), oldest change first: for live streams. */
  changedSince(recipientVisitorId: string, since: Date, limit: number): Promise<Notification[]>;
  unreadCount(recipientVisitorId: string): Promise<number>;
  /** Null when the notification does not exist or is someone else's. Idempotent: the first readAt is kept. */
  markRead(recipientVisitorId: string, notificationId: string, now: Date): Promise<Notification | null>;
  /** Marks every unread notification of the recipient read; returns how many changed. */
  markAllRead(recipientVisitorId: string, now: Date): Promise<number>;
  /**
   * Ends the notification's digest window: later likes start a new notification. Aggregates it (every like that
   * joined counts) and returns it as it was closed (the actors the digest is about), or null when it no longer
   * exists. Idempotent.
   */
  close(notificationId: string, now: Date): Promise<Notification | null>;
  /**
   * Recounts the notification from the likes that joined it: `actorCount` and the newest likers, moving `updatedAt`
   * when they changed. An open notification aggregated less than `minIntervalMs` ago is left as it is (its next
   * like or its digest counts what this one would have): that keeps a popular image's notification at about one
   * write a second. Null when it does not exist.
   */
  aggregate(
    notificationId: string,
    now: Date,
    options?: { minIntervalMs?: number },
  ): Promise<Notification | null>;
}

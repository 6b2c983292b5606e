import { isOpen, withLikes, type Notification } from '../../domain/notification';
import type { Page, PageRequest } from '../../ports/common';
import type { NotificationRepository } from '../../ports/notification-repository.port';
import { ms, type SqliteDatabase } from './database';
import { likeCounts, type LikeCounts } from './like-counts.sqlite';
import { NOTIFICATION_FIELDS, notificationRecord } from '../records/notifications';
import { parsedOrNull } from '../records/stored';
import { decodeCursor, toPage } from '../records/keyset-page';
import { columns } from './rows';

const toNotification = (row: unknown): Notification => notificationRecord.parse(row);

export class SqliteNotificationRepository implements NotificationRepository {
  private readonly q;
  private readonly counts: LikeCounts;

  constructor(private readonly db: SqliteDatabase) {
    this.counts = likeCounts(db);
    const select = `SELECT ${columns(NOTIFICATION_FIELDS)} FROM notifications`;
    const newestFirst = 'ORDER BY created_at DESC, notification_id DESC LIMIT ?';
    this.q = {
      byId: db.prepare(`${select} WHERE notification_id = ?`),
      firstPage: db.prepare(`${select} WHERE recipient_visitor_id = ? ${newestFirst}`),
      pageAfter: db.prepare(
        `${select} WHERE recipient_visitor_id = ? AND (created_at, notification_id) < (?, ?) ${newestFirst}`,
      ),
      changedSince: db.prepare(
        `${select} WHERE recipient_visitor_id = ? AND updated_at > ? ORDER BY updated_at, notification_id LIMIT ?`,
      ),
      unread: db
        .prepare('SELECT count(*) FROM notifications WHERE recipient_visitor_id = ? AND read_at IS NULL')
        .pluck(),
      markRead: db.prepare(
        'UPDATE notifications SET read_at = ? WHERE notification_id = ? AND recipient_visitor_id = ? AND read_at IS NULL',
      ),
      markAllRead: db.prepare(
        'UPDATE notifications SET read_at = ? WHERE recipient_visitor_id = ? AND read_at IS NULL',
      ),
      close: db.prepare(
        'UPDATE notifications SET closed_at = ? WHERE notification_id = ? AND closed_at IS NULL',
      ),
    };
  }

  async get(notificationId: string): Promise<Notification | null> {
    return parsedOrNull(notificationRecord, this.q.byId.get(notificationId));
  }

  async list(recipientVisitorId: string, page: PageRequest): Promise<Page<Notification>> {
    const after = decodeCursor(page.after);
    const rows = after
      ? this.q.pageAfter.all(recipientVisitorId, after.at, after.id, page.limit + 1)
      : this.q.firstPage.all(recipientVisitorId, page.limit + 1);
    return toPage(rows.map(toNotification), page.limit, (n) => ({
      at: ms(n.createdAt),
      id: n.notificationId,
    }));
  }

  async changedSince(recipientVisitorId: string, since: Date, limit: number): Promise<Notification[]> {
    return this.q.changedSince.all(recipientVisitorId, ms(since), limit).map(toNotification);
  }

  async unreadCount(recipientVisitorId: string): Promise<number> {
    return this.q.unread.get(recipientVisitorId) as number;
  }

  async markRead(
    recipientVisitorId: string,
    notificationId: string,
    now: Date,
  ): Promise<Notification | null> {
    this.q.markRead.run(ms(now), notificationId, recipientVisitorId);
    const found = await this.get(notificationId);
    return found?.recipientVisitorId === recipientVisitorId ? found : null;
  }

  async markAllRead(recipientVisitorId: string, now: Date): Promise<number> {
    return this.q.markAllRead.run(ms(now), recipientVisitorId).changes;
  }

  async close(notificationId: string, now: Date): Promise<Notification | null> {
    return this.db
      .transaction(() => {
        this.q.close.run(ms(now), notificationId);
        return this.recount(notificationId, now, 0);
      })
      .immediate();
  }

  async aggregate(
    notificationId: string,
    now: Date,
    options: { minIntervalMs?: number } = {},
  ): Promise<Notification | null> {
    return this.db
      .transaction(() => this.recount(notificationId, now, options.minIntervalMs ?? 0))
      .immediate();
  }

  /** Inside a transaction: the notification recounted from its likes, written when that changed something. */
  private recount(notificationId: string, now: Date, minIntervalMs: number): Notification | null {
    const row = this.q.byId.get(notificationId);
    if (row === undefined) return null;
    const current = toNotification(row);
    if (isOpen(current) && now.getTime() - current.updatedAt.getTime() < minIntervalMs) return current;
    const { count, newest } = this.counts.count(notificationId);
    const next = withLikes(current, count, newest, now);
    if (next.changed) this.counts.setActors(next.notification);
    return next.notification;
  }
}

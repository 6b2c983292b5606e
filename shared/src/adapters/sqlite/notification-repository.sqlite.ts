import type { Notification } from '../../domain/notification';
import type { Page, PageRequest } from '../../ports/common';
import type { NotificationRepository } from '../../ports/notification-repository.port';
import { ms, type SqliteDatabase } from './database';
import { NOTIFICATION_COLUMNS, toNotification } from './notification-rows';
import { decodeCursor, toPage } from './pagination';

export class SqliteNotificationRepository implements NotificationRepository {
  private readonly q;

  constructor(private readonly db: SqliteDatabase) {
    const select = `SELECT ${NOTIFICATION_COLUMNS} FROM notifications`;
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
    const row = this.q.byId.get(notificationId);
    return row === undefined ? null : toNotification(row);
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
        const row = this.q.byId.get(notificationId);
        return row === undefined ? null : toNotification(row);
      })
      .immediate();
  }
}

import { newNotificationId, newOutboxId } from '../../domain/ids';
import { likeRecipient, type Like } from '../../domain/like';
import { withLikes, type Notification } from '../../domain/notification';
import { likeCreatedOutbox, likeRemovedOutbox } from '../../events/like-outbox';
import type { OutgoingMessage } from '../../ports/event-bus.port';
import type { LikeInput, LikeRepository, LikeResult, UnlikeResult } from '../../ports/like-repository.port';
import { ms, type SqliteDatabase } from './database';
import { likeCounts, type LikeCounts } from './like-counts.sqlite';
import {
  LIKE_COLUMNS,
  NOTIFICATION_COLUMNS,
  notificationParams,
  toLike,
  toNotification,
} from './notification-rows';

/**
 * Likes in SQLite. Each write is one IMMEDIATE transaction over the like, the notification and the outbox row, so
 * they commit together or not at all; IMMEDIATE takes the write lock first, so two likes of one image serialize
 * and the second sees the group the first opened (the partial unique index backs that up).
 */
export class SqliteLikeRepository implements LikeRepository {
  private readonly q;
  private readonly counts: LikeCounts;

  constructor(private readonly db: SqliteDatabase) {
    this.counts = likeCounts(db);
    this.q = {
      like: db.prepare(`SELECT ${LIKE_COLUMNS} FROM likes WHERE image_id = ? AND liker_visitor_id = ?`),
      insertLike: db.prepare(
        `INSERT INTO likes (image_id, liker_visitor_id, owner_visitor_id, notification_id, created_at)
         VALUES (@imageId, @likerVisitorId, @ownerVisitorId, @notificationId, @createdAt)`,
      ),
      likedAmong: db.prepare(
        `SELECT image_id FROM likes WHERE liker_visitor_id = ? AND image_id IN (SELECT value FROM json_each(?))`,
      ),
      deleteLike: db.prepare('DELETE FROM likes WHERE image_id = ? AND liker_visitor_id = ?'),
      openGroup: db.prepare(
        `SELECT ${NOTIFICATION_COLUMNS} FROM notifications WHERE recipient_visitor_id = ? AND type = 'like' AND image_id = ?
           AND read_at IS NULL AND closed_at IS NULL`,
      ),
      notification: db.prepare(`SELECT ${NOTIFICATION_COLUMNS} FROM notifications WHERE notification_id = ?`),
      insertNotification: db.prepare(
        `INSERT INTO notifications (notification_id, recipient_visitor_id, type, image_id, actor_count,
           actor_visitor_ids, created_at, updated_at, read_at, closed_at)
         VALUES (@notificationId, @recipientVisitorId, @type, @imageId, @actorCount, @actorVisitorIds, @createdAt,
           @updatedAt, @readAt, @closedAt)`,
      ),
      setActors: db.prepare(
        `UPDATE notifications SET actor_count = @actorCount, actor_visitor_ids = @actorVisitorIds,
           updated_at = @updatedAt WHERE notification_id = @notificationId`,
      ),
      deleteNotification: db.prepare('DELETE FROM notifications WHERE notification_id = ?'),
      outbox: db.prepare(
        'INSERT INTO outbox (id, topic, data, attributes, ordering_key, created_at) VALUES (?, ?, ?, ?, ?, ?)',
      ),
    };
  }

  async like(input: LikeInput): Promise<LikeResult> {
    return this.db
      .transaction((): LikeResult => {
        const existing = this.q.like.get(input.imageId, input.likerVisitorId);
        if (existing !== undefined) return { outcome: 'exists', like: toLike(existing) };
        const recipient = likeRecipient(input.likerVisitorId, input.ownerVisitorId);
        const notification = recipient === null ? null : this.joinGroup(recipient, input);
        const like: Like = {
          imageId: input.imageId,
          likerVisitorId: input.likerVisitorId,
          ownerVisitorId: input.ownerVisitorId,
          notificationId: notification?.notificationId ?? null,
          createdAt: input.now,
        };
        this.q.insertLike.run({ ...like, createdAt: ms(like.createdAt) });
        this.writeOutbox(likeCreatedOutbox(like, recipient), input.now);
        return { outcome: 'created', like, notification };
      })
      .immediate();
  }

  async unlike(input: { imageId: string; likerVisitorId: string; now: Date }): Promise<UnlikeResult> {
    return this.db
      .transaction((): UnlikeResult => {
        const row = this.q.like.get(input.imageId, input.likerVisitorId);
        if (row === undefined) return { outcome: 'absent' };
        const like = toLike(row);
        let notification: Notification | null = null;
        let notificationRemoved = false;
        const stored =
          like.notificationId === null ? undefined : this.q.notification.get(like.notificationId);
        this.q.deleteLike.run(input.imageId, input.likerVisitorId);
        if (stored !== undefined) {
          const current = toNotification(stored);
          const { count, newest } = this.counts(current.notificationId);
          const next = withLikes(current, count, newest, input.now);
          if (count === 0) {
            this.q.deleteNotification.run(current.notificationId);
            notificationRemoved = true;
          } else {
            notification = next.notification;
            if (next.changed) this.setActors(next.notification);
          }
        }
        const recipient = likeRecipient(like.likerVisitorId, like.ownerVisitorId);
        this.writeOutbox(likeRemovedOutbox(like, recipient, notificationRemoved, input.now), input.now);
        return { outcome: 'removed', like, notification, notificationRemoved };
      })
      .immediate();
  }

  async get(imageId: string, likerVisitorId: string): Promise<Like | null> {
    const row = this.q.like.get(imageId, likerVisitorId);
    return row === undefined ? null : toLike(row);
  }

  async likedAmong(likerVisitorId: string, imageIds: readonly string[]): Promise<Set<string>> {
    if (imageIds.length === 0) return new Set();
    const rows = this.q.likedAmong.all(likerVisitorId, JSON.stringify(imageIds)) as { image_id: string }[];
    return new Set(rows.map((r) => r.image_id));
  }

  /** The recipient's open notification for the image, as last aggregated (joining writes the like only), or a new one. */
  private joinGroup(recipient: string, input: LikeInput): Notification {
    const open = this.q.openGroup.get(recipient, input.imageId);
    if (open !== undefined) return toNotification(open);
    const created: Notification = {
      notificationId: newNotificationId(),
      recipientVisitorId: recipient,
      type: 'like',
      imageId: input.imageId,
      actorCount: 1,
      actorVisitorIds: [input.likerVisitorId],
      createdAt: input.now,
      updatedAt: input.now,
      readAt: null,
      closedAt: null,
    };
    this.q.insertNotification.run(notificationParams(created));
    return created;
  }

  private setActors(n: Notification): void {
    this.q.setActors.run({
      actorCount: n.actorCount,
      actorVisitorIds: JSON.stringify(n.actorVisitorIds),
      updatedAt: ms(n.updatedAt),
      notificationId: n.notificationId,
    });
  }

  private writeOutbox(entry: { topic: string; message: OutgoingMessage }, now: Date): void {
    const { message } = entry;
    this.q.outbox.run(
      newOutboxId(),
      entry.topic,
      message.data,
      JSON.stringify(message.attributes),
      message.orderingKey ?? null,
      ms(now),
    );
  }
}

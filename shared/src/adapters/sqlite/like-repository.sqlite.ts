import { likeRecipient, type Like } from '../../domain/like';
import { withLikes, type Notification } from '../../domain/notification';
import { likeCreatedOutbox, likeRemovedOutbox } from '../../events/like-outbox';
import type { OutgoingMessage } from '../../ports/event-bus.port';
import type { LikeInput, LikeRepository, LikeResult, UnlikeResult } from '../../ports/like-repository.port';
import type { SqliteDatabase } from './database';
import { likeCounts, type LikeCounts } from './like-counts.sqlite';
import {
  likeRecord,
  newLike,
  newLikeNotification,
  newOutboxRecord,
  NOTIFICATION_FIELDS,
  notificationRecord,
  outboxRecord,
} from '../records/notifications';
import { parsedOrNull } from '../records/stored';
import { columns, insertInto, row } from './rows';

const LIKE_COLUMNS = columns(likeRecord);
const NOTIFICATION_COLUMNS = columns(NOTIFICATION_FIELDS);

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
      insertLike: db.prepare(insertInto('likes', likeRecord)),
      likedAmong: db.prepare(
        `SELECT image_id FROM likes WHERE liker_visitor_id = ? AND image_id IN (SELECT value FROM json_each(?))`,
      ),
      deleteLike: db.prepare('DELETE FROM likes WHERE image_id = ? AND liker_visitor_id = ?'),
      openGroup: db.prepare(
        `SELECT ${NOTIFICATION_COLUMNS} FROM notifications WHERE recipient_visitor_id = ? AND type = 'like' AND image_id = ?
           AND read_at IS NULL AND closed_at IS NULL`,
      ),
      notification: db.prepare(`SELECT ${NOTIFICATION_COLUMNS} FROM notifications WHERE notification_id = ?`),
      insertNotification: db.prepare(insertInto('notifications', NOTIFICATION_FIELDS)),
      deleteNotification: db.prepare('DELETE FROM notifications WHERE notification_id = ?'),
      outbox: db.prepare(insertInto('outbox', outboxRecord)),
    };
  }

  async like(input: LikeInput): Promise<LikeResult> {
    return this.db
      .transaction((): LikeResult => {
        const existing = this.q.like.get(input.imageId, input.likerVisitorId);
        if (existing !== undefined) return { outcome: 'exists', like: likeRecord.parse(existing) };
        const recipient = likeRecipient(input.likerVisitorId, input.ownerVisitorId);
        const notification = recipient === null ? null : this.joinGroup(recipient, input);
        const like = newLike(input, notification?.notificationId ?? null);
        this.q.insertLike.run(row(like));
        this.writeOutbox(likeCreatedOutbox(like, recipient), input.now);
        return { outcome: 'created', like, notification };
      })
      .immediate();
  }

  async unlike(input: { imageId: string; likerVisitorId: string; now: Date }): Promise<UnlikeResult> {
    return this.db
      .transaction((): UnlikeResult => {
        const like = parsedOrNull(likeRecord, this.q.like.get(input.imageId, input.likerVisitorId));
        if (like === null) return { outcome: 'absent' };
        let notification: Notification | null = null;
        let notificationRemoved = false;
        const stored =
          like.notificationId === null ? undefined : this.q.notification.get(like.notificationId);
        this.q.deleteLike.run(input.imageId, input.likerVisitorId);
        if (stored !== undefined) {
          const current = notificationRecord.parse(stored);
          const { count, newest } = this.counts.count(current.notificationId);
          const next = withLikes(current, count, newest, input.now);
          if (count === 0) {
            this.q.deleteNotification.run(current.notificationId);
            notificationRemoved = true;
          } else {
            notification = next.notification;
            if (next.changed) this.counts.setActors(next.notification);
          }
        }
        const recipient = likeRecipient(like.likerVisitorId, like.ownerVisitorId);
        this.writeOutbox(likeRemovedOutbox(like, recipient, notificationRemoved, input.now), input.now);
        return { outcome: 'removed', like, notification, notificationRemoved };
      })
      .immediate();
  }

  async get(imageId: string, likerVisitorId: string): Promise<Like | null> {
    return parsedOrNull(likeRecord, this.q.like.get(imageId, likerVisitorId));
  }

  async likedAmong(likerVisitorId: string, imageIds: readonly string[]): Promise<Set<string>> {
    if (imageIds.length === 0) return new Set();
    const rows = this.q.likedAmong.all(likerVisitorId, JSON.stringify(imageIds)) as { image_id: string }[];
    return new Set(rows.map((r) => r.image_id));
  }

  /** The recipient's open notification for the image, as last aggregated (joining writes the like only), or a new one. */
  private joinGroup(recipient: string, input: LikeInput): Notification {
    const open = this.q.openGroup.get(recipient, input.imageId);
    if (open !== undefined) return notificationRecord.parse(open);
    const created = newLikeNotification(recipient, input);
    this.q.insertNotification.run(row(created));
    return created;
  }

  private writeOutbox(entry: { topic: string; message: OutgoingMessage }, now: Date): void {
    this.q.outbox.run(row(newOutboxRecord(entry, now)));
  }
}

import type { Firestore } from '@google-cloud/firestore';
import { isOpen, withLikes, type Notification } from '../../domain/notification';
import type { Page, PageRequest } from '../../ports/common';
import type { NotificationRepository } from '../../ports/notification-repository.port';
import { parsedOrNull } from '../records/stored';
import { writeInBatches, type FirestoreAdapterOptions } from './documents';
import { notificationRecord } from '../records/notifications';
import { actorFields, countLikes, likeCollections, type LikeCollections } from './notification-documents';
import { newestFirstPage } from './pagination';

/**
 * The inbox in Firestore (notifications/{id}, see notification-documents.ts). Queries by recipient need composite
 * indexes: (recipientVisitorId, createdAt desc, __name__ desc) for the inbox, (recipientVisitorId, updatedAt) for
 * changes, (recipientVisitorId, readAt) for the unread count.
 */
export class FirestoreNotificationRepository implements NotificationRepository {
  private readonly c: LikeCollections;

  constructor(
    private readonly db: Firestore,
    options?: FirestoreAdapterOptions,
  ) {
    this.c = likeCollections(db, options);
  }

  async get(notificationId: string): Promise<Notification | null> {
    return parsedOrNull(notificationRecord, (await this.c.notifications.doc(notificationId).get()).data());
  }

  async list(recipientVisitorId: string, page: PageRequest): Promise<Page<Notification>> {
    return newestFirstPage(
      this.c.notifications.where('recipientVisitorId', '==', recipientVisitorId),
      'createdAt',
      page,
      (data) => notificationRecord.parse(data),
    );
  }

  async changedSince(recipientVisitorId: string, since: Date, limit: number): Promise<Notification[]> {
    const { docs } = await this.c.notifications
      .where('recipientVisitorId', '==', recipientVisitorId)
      .where('updatedAt', '>', since)
      .orderBy('updatedAt')
      .limit(limit)
      .get();
    return docs.map((doc) => notificationRecord.parse(doc.data()));
  }

  async unreadCount(recipientVisitorId: string): Promise<number> {
    const snapshot = await this.unread(recipientVisitorId).count().get();
    return snapshot.data().count;
  }

  async markRead(
    recipientVisitorId: string,
    notificationId: string,
    now: Date,
  ): Promise<Notification | null> {
    const ref = this.c.notifications.doc(notificationId);
    return this.db.runTransaction(async (tx) => {
      const snapshot = await tx.get(ref);
      if (!snapshot.exists) return null;
      const current = notificationRecord.parse(snapshot.data());
      if (current.recipientVisitorId !== recipientVisitorId) return null;
      if (current.readAt !== null) return current;
      tx.update(ref, { readAt: now });
      return { ...current, readAt: now };
    });
  }

  /** In batches of 500. A notification read one by one in the meantime may have its readAt moved to `now`. */
  async markAllRead(recipientVisitorId: string, now: Date): Promise<number> {
    const { docs } = await this.unread(recipientVisitorId).get();
    return writeInBatches(this.db, docs, (batch, doc) => batch.update(doc.ref, { readAt: now }));
  }

  async close(notificationId: string, now: Date): Promise<Notification | null> {
    return this.recount(notificationId, now, 0, true);
  }

  async aggregate(
    notificationId: string,
    now: Date,
    options: { minIntervalMs?: number } = {},
  ): Promise<Notification | null> {
    return this.recount(notificationId, now, options.minIntervalMs ?? 0, false);
  }

  /**
   * One transaction: the notification recounted from its likes (and closed), written when that changed something.
   * Concurrent recounts serialise on the notification; the later ones, retried, find it fresh and write nothing.
   */
  private recount(
    notificationId: string,
    now: Date,
    minIntervalMs: number,
    closing: boolean,
  ): Promise<Notification | null> {
    const ref = this.c.notifications.doc(notificationId);
    return this.db.runTransaction(async (tx) => {
      const snapshot = await tx.get(ref);
      if (!snapshot.exists) return null;
      const current = notificationRecord.parse(snapshot.data());
      if (!closing && isOpen(current) && now.getTime() - current.updatedAt.getTime() < minIntervalMs)
        return current;
      const { count, newest } = await countLikes(tx, this.c.likes, notificationId);
      const next = withLikes(current, count, newest, now);
      const closedAt = current.closedAt ?? (closing ? now : null);
      const fields = {
        ...(next.changed ? actorFields(next.notification) : {}),
        ...(closedAt !== current.closedAt ? { closedAt } : {}),
      };
      if (Object.keys(fields).length > 0) tx.update(ref, fields);
      return { ...next.notification, closedAt };
    });
  }

  private unread(recipientVisitorId: string) {
    return this.c.notifications
      .where('recipientVisitorId', '==', recipientVisitorId)
      .where('readAt', '==', null);
  }
}

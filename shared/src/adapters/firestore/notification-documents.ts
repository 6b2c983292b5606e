import type { CollectionReference, Firestore, Transaction } from '@google-cloud/firestore';
import { z } from 'zod';
import { NOTIFICATION_ACTORS_KEPT, type Notification } from '../../domain/notification';
import { likeRecord } from '../records/notifications';
import { collectionName, type FirestoreAdapterOptions } from './documents';

/**
 * Documents of likes and their notifications, shared by the like, notification and outbox repositories (a like
 * writes all three in one transaction):
 *
 * - likes/{sha256(imageId, liker)}: one per (image, liker), so liking twice finds the first.
 * - notifications/{notificationId}: the in-app notification: its like count, and the newest likers as an array
 *   (newest first, at most NOTIFICATION_ACTORS_KEPT, exempt from indexing in infra/firestore.indexes.json), both
 *   aggregated from the likes that joined it (`likes` by `notificationId`, newest first: a composite index).
 * - notificationGroups/{sha256(recipient, type, imageId)} → { notificationId }: the open group of a recipient's image.
 *   A transaction reads it by id, so two concurrent likes contend on one document and serialize; it may point at a
 *   group since read or closed, which only means the next like opens a new group and moves the pointer.
 * - outbox/{obx_…}: the encoded message, `publishedAt` null until the relay publishes it.
 */
export interface LikeCollections {
  likes: CollectionReference;
  notifications: CollectionReference;
  groups: CollectionReference;
  outbox: CollectionReference;
}

export const likeCollections = (db: Firestore, options?: FirestoreAdapterOptions): LikeCollections => ({
  likes: db.collection(collectionName(options, 'likes')),
  notifications: db.collection(collectionName(options, 'notifications')),
  groups: db.collection(collectionName(options, 'notificationGroups')),
  outbox: db.collection(collectionName(options, 'outbox')),
});

export const groupDoc = z.object({ notificationId: z.string() });

/**
 * Inside a transaction: how many likes joined the notification and who the newest likers are, leaving out
 * `withdrawing` (a like deleted later in the same transaction, which reads must precede).
 */
export async function countLikes(
  tx: Transaction,
  likes: CollectionReference,
  notificationId: string,
  withdrawing: string | null = null,
): Promise<{ count: number; newest: string[] }> {
  const joined = likes.where('notificationId', '==', notificationId);
  const [counted, newest] = await Promise.all([
    tx.get(joined.count()),
    tx.get(joined.orderBy('createdAt', 'desc').limit(NOTIFICATION_ACTORS_KEPT + 1)),
  ]);
  const likers = newest.docs
    .map((d) => likeRecord.parse(d.data()).likerVisitorId)
    .filter((v) => v !== withdrawing);
  return {
    // The withdrawn like still exists when this reads (the caller read it in the same transaction): it is counted.
    count: counted.data().count - (withdrawing === null ? 0 : 1),
    newest: likers.slice(0, NOTIFICATION_ACTORS_KEPT),
  };
}

export const actorFields = ({ actorCount, actorVisitorIds, updatedAt }: Notification) => ({
  actorCount,
  actorVisitorIds,
  updatedAt,
});

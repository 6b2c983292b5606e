import type { CollectionReference, Firestore } from '@google-cloud/firestore';
import { z } from 'zod';
import type { Like } from '../../domain/like';
import type { Notification } from '../../domain/notification';
import {
  collectionName,
  timestamp,
  toTimestamp,
  toTimestampOrNull,
  type FirestoreAdapterOptions,
} from './documents';

/**
 * Documents of likes and their notifications, shared by the like, notification and outbox repositories (a like
 * writes all three in one transaction):
 *
 * - likes/{sha256(imageId, liker)}: one per (image, liker), so liking twice finds the first.
 * - notifications/{notificationId}: the in-app notification: its like count, and the newest likers as an array
 *   (newest first, at most NOTIFICATION_ACTORS_KEPT, exempt from indexing in infra/firestore.indexes.json).
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

const notificationDoc: z.ZodType<Notification> = z
  .object({
    notificationId: z.string(),
    recipientVisitorId: z.string(),
    type: z.literal('like'),
    imageId: z.string(),
    // Documents written before likes were counted hold every liker and no count.
    actorCount: z.number().int().optional(),
    actorVisitorIds: z.array(z.string()),
    createdAt: timestamp,
    updatedAt: timestamp,
    readAt: timestamp.nullable(),
    closedAt: timestamp.nullable(),
  })
  .transform((d) => ({ ...d, actorCount: d.actorCount ?? d.actorVisitorIds.length }));

export const toNotification = (data: unknown): Notification => notificationDoc.parse(data);

export const notificationData = (n: Notification) => ({
  ...n,
  createdAt: toTimestamp(n.createdAt),
  updatedAt: toTimestamp(n.updatedAt),
  readAt: toTimestampOrNull(n.readAt),
  closedAt: toTimestampOrNull(n.closedAt),
});

const likeDoc: z.ZodType<Like> = z.object({
  imageId: z.string(),
  likerVisitorId: z.string(),
  ownerVisitorId: z.string().nullable(),
  notificationId: z.string().nullable(),
  createdAt: timestamp,
});

export const toLike = (data: unknown): Like => likeDoc.parse(data);
export const likeData = (like: Like) => ({ ...like, createdAt: toTimestamp(like.createdAt) });

export const groupDoc = z.object({ notificationId: z.string() });

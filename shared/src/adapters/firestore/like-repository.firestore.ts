import type { DocumentReference, Firestore, Transaction } from '@google-cloud/firestore';
import { likeRecipient, type Like } from '../../domain/like';
import { isOpen, withLikes, type Notification } from '../../domain/notification';
import { likeCreatedOutbox, likeRemovedOutbox } from '../../events/like-outbox';
import type { OutgoingMessage } from '../../ports/event-bus.port';
import type { LikeInput, LikeRepository, LikeResult, UnlikeResult } from '../../ports/like-repository.port';
import {
  likeRecord,
  newLike,
  newLikeNotification,
  newOutboxRecord,
  notificationRecord,
} from '../records/notifications';
import { parsedOrNull } from '../records/stored';
import { hashedId, type FirestoreAdapterOptions } from './documents';
import {
  actorFields,
  countLikes,
  groupDoc,
  likeCollections,
  type LikeCollections,
} from './notification-documents';

/** The first likes of a window contend on its group document; give the transactions room to retry. */
const ATTEMPTS = 20;

/**
 * Likes in Firestore: each write is one transaction over the like, the outbox document and, where it changes, the
 * notification (and its group pointer). A like joining an open group only reads the group and the notification, so
 * concurrent likes of a popular image share their locks instead of queueing for one document's write; the count is
 * aggregated later (FirestoreNotificationRepository.aggregate). Every read comes before every write, as Firestore
 * transactions require.
 */
export class FirestoreLikeRepository implements LikeRepository {
  private readonly c: LikeCollections;

  constructor(
    private readonly db: Firestore,
    options?: FirestoreAdapterOptions,
  ) {
    this.c = likeCollections(db, options);
  }

  async like(input: LikeInput): Promise<LikeResult> {
    const likeRef = this.likeRef(input.imageId, input.likerVisitorId);
    const recipient = likeRecipient(input.likerVisitorId, input.ownerVisitorId);
    return this.db.runTransaction(
      async (tx): Promise<LikeResult> => {
        const existing = await tx.get(likeRef);
        if (existing.exists) return { outcome: 'exists', like: likeRecord.parse(existing.data()) };
        const notification = recipient === null ? null : await this.joinGroup(tx, recipient, input);
        const like = newLike(input, notification?.notificationId ?? null);
        tx.create(likeRef, like);
        this.writeOutbox(tx, likeCreatedOutbox(like, recipient), input.now);
        return { outcome: 'created', like, notification };
      },
      { maxAttempts: ATTEMPTS },
    );
  }

  async unlike(input: { imageId: string; likerVisitorId: string; now: Date }): Promise<UnlikeResult> {
    const likeRef = this.likeRef(input.imageId, input.likerVisitorId);
    return this.db.runTransaction(
      async (tx): Promise<UnlikeResult> => {
        const snapshot = await tx.get(likeRef);
        if (!snapshot.exists) return { outcome: 'absent' };
        const like = likeRecord.parse(snapshot.data());
        const recipient = likeRecipient(like.likerVisitorId, like.ownerVisitorId);
        const ref = like.notificationId === null ? null : this.c.notifications.doc(like.notificationId);
        const stored = ref === null ? null : await tx.get(ref);
        const groupRef = recipient === null ? null : this.groupRef(recipient, like.imageId);
        const group = groupRef === null ? null : await tx.get(groupRef);

        let notification: Notification | null = null;
        let notificationRemoved = false;
        if (ref !== null && stored?.exists) {
          const current = notificationRecord.parse(stored.data());
          const { count, newest } = await countLikes(
            tx,
            this.c.likes,
            current.notificationId,
            like.likerVisitorId,
          );
          if (count === 0) {
            tx.delete(ref);
            notificationRemoved = true;
            if (
              groupRef &&
              group?.exists &&
              groupDoc.parse(group.data()).notificationId === current.notificationId
            )
              tx.delete(groupRef);
          } else {
            const next = withLikes(current, count, newest, input.now);
            notification = next.notification;
            if (next.changed) tx.update(ref, actorFields(next.notification));
          }
        }
        tx.delete(likeRef);
        this.writeOutbox(tx, likeRemovedOutbox(like, recipient, notificationRemoved, input.now), input.now);
        return { outcome: 'removed', like, notification, notificationRemoved };
      },
      { maxAttempts: ATTEMPTS },
    );
  }

  async get(imageId: string, likerVisitorId: string): Promise<Like | null> {
    return parsedOrNull(likeRecord, (await this.likeRef(imageId, likerVisitorId).get()).data());
  }

  async likedAmong(likerVisitorId: string, imageIds: readonly string[]): Promise<Set<string>> {
    if (imageIds.length === 0) return new Set();
    // One batched read of the like documents, whose ids are derived from (image, liker).
    const snapshots = await this.db.getAll(...imageIds.map((id) => this.likeRef(id, likerVisitorId)));
    return new Set(imageIds.filter((_, i) => snapshots[i]!.exists));
  }

  /** Reads the group pointer and its notification: the open group as last aggregated (nothing written), or a new one. */
  private async joinGroup(tx: Transaction, recipient: string, input: LikeInput): Promise<Notification> {
    const groupRef = this.groupRef(recipient, input.imageId);
    const group = await tx.get(groupRef);
    if (group.exists) {
      const ref = this.c.notifications.doc(groupDoc.parse(group.data()).notificationId);
      const stored = await tx.get(ref);
      const current = stored.exists ? notificationRecord.parse(stored.data()) : null;
      if (current !== null && isOpen(current)) return current;
    }
    const created = newLikeNotification(recipient, input);
    tx.create(this.c.notifications.doc(created.notificationId), created);
    tx.set(groupRef, { notificationId: created.notificationId });
    return created;
  }

  private writeOutbox(tx: Transaction, entry: { topic: string; message: OutgoingMessage }, now: Date): void {
    const record = newOutboxRecord(entry, now);
    tx.create(this.c.outbox.doc(record.id), { ...record, publishedAt: null });
  }

  private likeRef(imageId: string, likerVisitorId: string): DocumentReference {
    return this.c.likes.doc(hashedId(imageId, likerVisitorId));
  }

  private groupRef(recipient: string, imageId: string): DocumentReference {
    return this.c.groups.doc(hashedId(recipient, 'like', imageId));
  }
}

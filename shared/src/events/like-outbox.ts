import type { Like } from '../domain/like';
import type { OutgoingMessage } from '../ports/event-bus.port';
import { LIKES_SOURCE, likeCreated, likeRemoved } from './catalog';
import { encodeEvent } from './define-event';

type OutboxRow = { topic: string; message: OutgoingMessage };

const likeFields = (like: Like, recipientVisitorId: string | null) => ({
  imageId: like.imageId,
  likerVisitorId: like.likerVisitorId,
  recipientVisitorId,
  notificationId: like.notificationId,
});

/** The outbox row a like writes: the event encoded now (validated), published later by the relay as it is. */
export function likeCreatedOutbox(like: Like, recipientVisitorId: string | null): OutboxRow {
  const payload = { ...likeFields(like, recipientVisitorId), likedAt: like.createdAt.toISOString() };
  return { topic: likeCreated.topic, message: encodeEvent(likeCreated, payload, LIKES_SOURCE) };
}

export function likeRemovedOutbox(
  like: Like,
  recipientVisitorId: string | null,
  notificationRemoved: boolean,
  now: Date,
): OutboxRow {
  const payload = {
    ...likeFields(like, recipientVisitorId),
    notificationRemoved,
    removedAt: now.toISOString(),
  };
  return { topic: likeRemoved.topic, message: encodeEvent(likeRemoved, payload, LIKES_SOURCE) };
}

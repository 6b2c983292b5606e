import { z } from 'zod';
import { newNotificationId, newOutboxId } from '../../domain/ids';
import type { Like } from '../../domain/like';
import type {
  Notification,
  NotificationPreferences,
  PushSubscriptionRecord,
} from '../../domain/notification';
import type { DeadLetter } from '../../ports/dead-letter-repository.port';
import type { OutgoingMessage } from '../../ports/event-bus.port';
import type { LikeInput } from '../../ports/like-repository.port';
import { deliveryId, type Delivery, type DeliveryRepository } from '../../ports/delivery-repository.port';
import type { OutboxEntry } from '../../ports/outbox.port';
import { attributes, bytes, flag, instant, json } from './stored';

/** Likes, notifications and their messages as both stores keep them (see stored.ts). */
export const likeRecord = z.object({
  imageId: z.string(),
  likerVisitorId: z.string(),
  ownerVisitorId: z.string().nullable(),
  notificationId: z.string().nullable(),
  createdAt: instant,
}) satisfies z.ZodType<Like>;

const notificationFields = z.object({
  notificationId: z.string(),
  recipientVisitorId: z.string(),
  type: z.literal('like'),
  imageId: z.string(),
  // Firestore documents written before likes were counted hold every liker and no count.
  actorCount: z.number().int().optional(),
  actorVisitorIds: json(z.array(z.string())),
  createdAt: instant,
  updatedAt: instant,
  readAt: instant.nullable(),
  closedAt: instant.nullable(),
});

export const NOTIFICATION_FIELDS = Object.keys(notificationFields.shape);

export const notificationRecord: z.ZodType<Notification> = notificationFields.transform((n) => ({
  ...n,
  actorCount: n.actorCount ?? n.actorVisitorIds.length,
}));

export const deliveryRecord = z.object({
  id: z.string(),
  notificationId: z.string(),
  recipientVisitorId: z.string(),
  channel: z.enum(['digest', 'push', 'email', 'sms']),
  state: z.enum(['pending', 'sending', 'sent', 'skipped', 'cancelled', 'failed']),
  dueAt: instant,
  attempts: z.number().int(),
  leaseExpiresAt: instant.nullable(),
  lastError: z.string().nullable(),
  createdAt: instant,
  settledAt: instant.nullable(),
}) satisfies z.ZodType<Delivery>;

export const deadLetterRecord = z.object({
  id: z.string(),
  subscription: z.string(),
  topic: z.string(),
  messageId: z.string(),
  data: bytes,
  attributes,
  orderingKey: z.string().nullable(),
  reason: z.string(),
  attempts: z.number().int(),
  kind: z.enum(['exhausted', 'rejected']),
  deadLetteredAt: instant,
  replayedAt: instant.nullable(),
}) satisfies z.ZodType<DeadLetter>;

export const outboxRecord = z.object({
  id: z.string(),
  topic: z.string(),
  data: bytes,
  attributes,
  orderingKey: z.string().nullable(),
  createdAt: instant,
});

export function toOutboxEntry(stored: unknown): OutboxEntry {
  const { data, attributes, orderingKey, ...rest } = outboxRecord.parse(stored);
  return {
    ...rest,
    message: orderingKey === null ? { data, attributes } : { data, attributes, orderingKey },
  };
}

/** A new outbox entry as both stores write it: attributes as JSON, since Firestore refuses some names as fields. */
export const newOutboxRecord = (
  { topic, message }: { topic: string; message: OutgoingMessage },
  now: Date,
) => ({
  id: newOutboxId(),
  topic,
  data: message.data,
  attributes: JSON.stringify(message.attributes),
  orderingKey: message.orderingKey ?? null,
  createdAt: now,
});

/** A like as both stores create it, in the notification it joined (or none: a like of one's own image). */
export const newLike = (input: LikeInput, notificationId: string | null): Like => ({
  imageId: input.imageId,
  likerVisitorId: input.likerVisitorId,
  ownerVisitorId: input.ownerVisitorId,
  notificationId,
  createdAt: input.now,
});

/** The notification a like opens when its recipient has no open one for the image. */
export const newLikeNotification = (recipient: string, input: LikeInput): Notification => ({
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
});

export type ScheduleInput = Parameters<DeliveryRepository['schedule']>[0];

/** A delivery as scheduled: pending, never attempted. */
export const newDelivery = (input: ScheduleInput): Delivery => ({
  id: deliveryId(input.notificationId, input.channel),
  notificationId: input.notificationId,
  recipientVisitorId: input.recipientVisitorId,
  channel: input.channel,
  state: 'pending',
  dueAt: input.dueAt,
  attempts: 0,
  leaseExpiresAt: null,
  lastError: null,
  createdAt: input.now,
  settledAt: null,
});

/** SQLite keeps the channels and quiet hours in columns of their own and selects them as JSON objects. */
export const preferencesRecord = z.object({
  visitorId: z.string(),
  channels: json(z.object({ push: flag, email: flag, sms: flag })),
  email: z.string().nullable(),
  phone: z.string().nullable(),
  quietHours: json(z.object({ start: z.string(), end: z.string() }).nullable()),
  timeZone: z.string(),
  updatedAt: instant,
}) satisfies z.ZodType<NotificationPreferences>;

export const pushSubscriptionRecord = z.object({
  visitorId: z.string(),
  endpoint: z.string(),
  keys: json(z.object({ p256dh: z.string(), auth: z.string() })),
  createdAt: instant,
}) satisfies z.ZodType<PushSubscriptionRecord>;

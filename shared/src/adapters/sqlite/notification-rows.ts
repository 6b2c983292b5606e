import { z } from 'zod';
import type { Like } from '../../domain/like';
import type { Notification } from '../../domain/notification';
import { date, ms } from './database';

/** Column aliases and row schemas shared by the like and notification repositories. */
export const NOTIFICATION_COLUMNS = `notification_id AS notificationId, recipient_visitor_id AS recipientVisitorId, type,
  image_id AS imageId, actor_count AS actorCount, actor_visitor_ids AS actorVisitorIds, created_at AS createdAt,
  updated_at AS updatedAt, read_at AS readAt, closed_at AS closedAt`;

const instant = z.number().int().transform(date);

const notificationRow: z.ZodType<Notification> = z.object({
  notificationId: z.string(),
  recipientVisitorId: z.string(),
  type: z.literal('like'),
  imageId: z.string(),
  actorCount: z.number().int(),
  actorVisitorIds: z
    .string()
    .transform((json) => JSON.parse(json) as unknown)
    .pipe(z.array(z.string())),
  createdAt: instant,
  updatedAt: instant,
  readAt: instant.nullable(),
  closedAt: instant.nullable(),
});

export const toNotification = (row: unknown): Notification => notificationRow.parse(row);

export const notificationParams = (n: Notification) => ({
  ...n,
  actorVisitorIds: JSON.stringify(n.actorVisitorIds),
  createdAt: ms(n.createdAt),
  updatedAt: ms(n.updatedAt),
  readAt: n.readAt === null ? null : ms(n.readAt),
  closedAt: n.closedAt === null ? null : ms(n.closedAt),
});

export const LIKE_COLUMNS = `image_id AS imageId, liker_visitor_id AS likerVisitorId, owner_visitor_id AS ownerVisitorId,
  notification_id AS notificationId, created_at AS createdAt`;

const likeRow: z.ZodType<Like> = z.object({
  imageId: z.string(),
  likerVisitorId: z.string(),
  ownerVisitorId: z.string().nullable(),
  notificationId: z.string().nullable(),
  createdAt: instant,
});

export const toLike = (row: unknown): Like => likeRow.parse(row);

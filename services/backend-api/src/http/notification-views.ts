import { z } from 'zod';
import { imageIdSchema, visitorIdSchema } from '@photo/shared/domain/ids';
import type { NotificationPreferences } from '@photo/shared/domain/notification';
import type { InboxItem } from '../use-cases/notifications';
import { cursor, imageLinkView, instant } from './response-schemas';

/** Response shapes of likes, the inbox and notification settings, and the views typed by them. */

export const likeView = z.object({ imageId: imageIdSchema, liked: z.literal(true), likedAt: instant });

export const notificationEventView = z
  .object({
    notificationId: z.string(),
    type: z.literal('like'),
    imageId: imageIdSchema,
    text: z.string().meta({ description: 'Ready to show: "Aiko and 3 others liked your photo".' }),
    actorCount: z.number().int().positive(),
    actors: z
      .array(z.object({ visitorId: visitorIdSchema, displayName: z.string() }))
      .meta({ description: 'The newest (at most 3).' }),
    deepLink: z
      .string()
      .meta({ description: 'Opens the image in the app: `eventphoto://images/{imageId}`.' }),
    read: z.boolean(),
    createdAt: instant,
    updatedAt: instant.meta({ description: 'Moves when someone joins or leaves the group.' }),
  })
  .meta({ id: 'NotificationEvent' });
export type NotificationEventView = z.infer<typeof notificationEventView>;

export const notificationView = notificationEventView
  .extend({
    thumbnail: z
      .union([imageLinkView, z.null()])
      .meta({ description: 'A one-time URL of the liked image; null when it cannot be linked.' }),
  })
  .meta({ id: 'Notification' });
export type NotificationView = z.infer<typeof notificationView>;

export const inboxView = z.object({ items: z.array(notificationView), next: cursor });

export const unreadCountView = z.object({ unread: z.number().int().min(0) });
export const readAllView = z.object({ marked: z.number().int().min(0) });
export const removedView = z.object({ removed: z.number().int().min(0) });

export const pushSubscriptionView = z.object({ endpoint: z.string(), createdAt: instant });

export const preferencesView = z
  .object({
    channels: z.object({ push: z.boolean(), email: z.boolean(), sms: z.boolean() }),
    email: z.string().nullable().meta({ description: "Null: the participant's registered e-mail is used." }),
    phone: z.string().nullable(),
    quietHours: z.union([z.object({ start: z.string(), end: z.string() }), z.null()]),
    timeZone: z.string(),
    updatedAt: instant,
  })
  .meta({ id: 'NotificationPreferences' });
export type PreferencesView = z.infer<typeof preferencesView>;

export const toNotificationEventView = (item: InboxItem): NotificationEventView => ({
  notificationId: item.notification.notificationId,
  type: item.notification.type,
  imageId: item.notification.imageId,
  text: item.text,
  actorCount: item.notification.actorCount,
  actors: item.actors,
  deepLink: item.deepLink,
  read: item.notification.readAt !== null,
  createdAt: item.notification.createdAt.toISOString(),
  updatedAt: item.notification.updatedAt.toISOString(),
});

export const toPreferencesView = (p: NotificationPreferences): PreferencesView => ({
  channels: p.channels,
  email: p.email,
  phone: p.phone,
  quietHours: p.quietHours,
  timeZone: p.timeZone,
  updatedAt: p.updatedAt.toISOString(),
});

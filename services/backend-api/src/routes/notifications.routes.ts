import type { Router } from 'express';
import { errors } from '@photo/shared/errors/errors';
import type { Authenticator } from '../auth/authenticator';
import {
  inboxView,
  notificationEventView,
  readAllView,
  toNotificationEventView,
  unreadCountView,
} from '../http/notification-views';
import { backendRouter, defineRoute, noCache } from '../http/route';
import { describeNotification, listInbox, type InboxDeps } from '../use-cases/notifications';
import { inboxQuery, NOTIFICATION_TAGS as TAGS, notificationParams } from './notification-schemas';

const listMyNotifications = defineRoute({
  method: 'get',
  path: '/me/notifications',
  operationId: 'listMyNotifications',
  tags: TAGS,
  summary: 'My notifications, newest first',
  description: 'Each with a one-time thumbnail URL of the liked image and a deep link into the app.',
  access: 'participant',
  request: { query: inboxQuery },
  responses: { 200: { description: 'A page.', body: inboxView } },
  errors: [
    [errors.invalidCursor, '`after` is not a cursor this inbox issued.'],
    [errors.dependencyFailed, 'The image server failed.'],
  ],
});

const countMyUnreadNotifications = defineRoute({
  method: 'get',
  path: '/me/notifications/unread-count',
  operationId: 'countMyUnreadNotifications',
  tags: TAGS,
  summary: 'How many of my notifications are unread',
  access: 'participant',
  responses: { 200: { description: 'The count.', body: unreadCountView } },
});

const readMyNotification = defineRoute({
  method: 'post',
  path: '/me/notifications/{notificationId}/read',
  operationId: 'readMyNotification',
  tags: TAGS,
  summary: 'Mark one notification read',
  description:
    'Idempotent (the first read time is kept). A read notification sends no e-mail that was still waiting.',
  access: 'participant',
  request: { params: notificationParams },
  responses: { 200: { description: 'The notification.', body: notificationEventView } },
  errors: [[errors.notificationNotFound, "No such notification, or someone else's."]],
});

const readAllMyNotifications = defineRoute({
  method: 'post',
  path: '/me/notifications/read-all',
  operationId: 'readAllMyNotifications',
  tags: TAGS,
  summary: 'Mark every notification read',
  access: 'participant',
  responses: { 200: { description: 'How many changed.', body: readAllView } },
});

export const notificationContracts = [
  listMyNotifications,
  countMyUnreadNotifications,
  readMyNotification,
  readAllMyNotifications,
];

/** The participant's inbox: notifications newest first, the unread count, marking read. */
export function notificationRoutes(
  deps: InboxDeps & { auth: Authenticator; clock: { now(): Date } },
): Router {
  return backendRouter(deps, (route) => {
    route(listMyNotifications, async ({ caller, query }) => {
      const page = await listInbox(deps, caller.visitorId, {
        limit: query.limit,
        after: query.after ?? null,
      });
      const items = page.items.map((item) => ({
        ...toNotificationEventView(item),
        thumbnail: item.thumbnail,
      }));
      return {
        status: 200,
        body: { items, next: page.next },
        headers: { 'Cache-Control': 'private, no-store' },
      };
    });

    route(countMyUnreadNotifications, async ({ caller }) => ({
      status: 200,
      body: { unread: await deps.notifications.unreadCount(caller.visitorId) },
      headers: noCache,
    }));

    route(readAllMyNotifications, async ({ caller }) => ({
      status: 200,
      body: { marked: await deps.notifications.markAllRead(caller.visitorId, deps.clock.now()) },
    }));

    route(readMyNotification, async ({ caller, params: { notificationId } }) => {
      const notification = await deps.notifications.markRead(
        caller.visitorId,
        notificationId,
        deps.clock.now(),
      );
      // Someone else's notification answers like an unknown one.
      if (!notification) throw errors.notificationNotFound(notificationId);
      return { status: 200, body: toNotificationEventView(await describeNotification(deps, notification)) };
    });
  });
}

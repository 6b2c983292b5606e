import { Router } from 'express';
import { errors } from '@photo/shared/errors/errors';
import { parse } from '@photo/shared/http/validate';
import type { Authenticator } from '../auth/authenticator';
import { toNotificationEventView, type NotificationView } from '../http/notification-views';
import { describeNotification, listInbox, type InboxDeps } from '../use-cases/notifications';
import { inboxQuery, notificationParams } from './notification-schemas';

/** The participant's inbox: notifications newest first, the unread count, marking read. */
export function notificationRoutes(
  deps: InboxDeps & { auth: Authenticator; clock: { now(): Date } },
): Router {
  const router = Router();
  const { auth } = deps;

  router.get('/me/notifications', async (req, res) => {
    const { visitorId } = await auth.participant(req, res);
    const query = parse(inboxQuery, req.query);
    const page = await listInbox(deps, visitorId, { limit: query.limit, after: query.after ?? null });
    const items: NotificationView[] = page.items.map((item) => ({
      ...toNotificationEventView(item),
      thumbnail: item.thumbnail,
    }));
    res.set('Cache-Control', 'private, no-store').json({ items, next: page.next });
  });

  router.get('/me/notifications/unread-count', async (req, res) => {
    const { visitorId } = await auth.participant(req, res);
    res
      .set('Cache-Control', 'private, no-cache')
      .json({ unread: await deps.notifications.unreadCount(visitorId) });
  });

  router.post('/me/notifications/read-all', async (req, res) => {
    const { visitorId } = await auth.participant(req, res);
    res.json({ marked: await deps.notifications.markAllRead(visitorId, deps.clock.now()) });
  });

  router.post('/me/notifications/:notificationId/read', async (req, res) => {
    const { visitorId } = await auth.participant(req, res);
    const { notificationId } = parse(notificationParams, req.params);
    const notification = await deps.notifications.markRead(visitorId, notificationId, deps.clock.now());
    // Someone else's notification answers like an unknown one.
    if (!notification) throw errors.notificationNotFound(notificationId);
    res.json(toNotificationEventView(await describeNotification(deps, notification)));
  });

  return router;
}

import { likeSummary, type Notification } from '@photo/shared/domain/notification';

export interface RenderedNotification {
  title: string;
  deepLink: string;
  push: string;
  email: { subject: string; text: string; html: string };
  sms: string;
}

const escapeHtml = (s: string): string =>
  s.replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c]!);

/** The words of a like notification on every channel, from the latest actor's name and the group size. */
export function renderLikeNotification(input: {
  notification: Notification;
  latestActorName: string;
  imageKind: string;
  deepLinkBase: string;
}): RenderedNotification {
  const { notification } = input;
  const title = likeSummary(input.latestActorName, notification.actorCount, input.imageKind);
  const deepLink = `${input.deepLinkBase}${notification.imageId}`;
  return {
    title,
    deepLink,
    push: JSON.stringify({
      title,
      body: 'Tap to see it.',
      url: deepLink,
      // The service worker shows one notification per tag: a later digest of the same group replaces it.
      tag: notification.notificationId,
      notificationId: notification.notificationId,
      imageId: notification.imageId,
      actorCount: notification.actorCount,
    }),
    email: {
      subject: title,
      text: `${title}.\n\nOpen it in the app: ${deepLink}\n`,
      html: `<p>${escapeHtml(title)}.</p><p><a href="${escapeHtml(deepLink)}">Open it in the app</a></p>`,
    },
    sms: `${title}: ${deepLink}`,
  };
}

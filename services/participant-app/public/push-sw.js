// @ts-check
/// <reference lib="webworker" />
/* global self, URL */
// Web Push in the participant app: imported by the generated service worker (/sw.js). A push shows one notification
// per tag (a later digest of the same like group replaces the earlier one); tapping it opens the app's inbox, or
// brings an open window of the app there.

const sw = /** @type {ServiceWorkerGlobalScope} */ (/** @type {unknown} */ (self));

/** Shown when a push carries no title (the server always sends one; an empty test push does not). */
const FALLBACK = sw.navigator.language.startsWith('ja')
  ? { title: 'イベントフォト', body: '新しいお知らせがあります。' }
  : { title: 'Event Photos', body: 'You have a new notification.' };

/** @param {PushMessageData | null} data */
function readPush(data) {
  try {
    const body = data ? data.json() : {};
    return typeof body === 'object' && body !== null ? body : {};
  } catch {
    return {};
  }
}

sw.addEventListener('push', (event) => {
  const data = readPush(event.data);
  const title = typeof data.title === 'string' && data.title ? data.title : FALLBACK.title;
  const body = typeof data.body === 'string' ? data.body : FALLBACK.body;
  /** @type {NotificationOptions} */
  const options = {
    body,
    icon: '/icons/icon-192.png',
    data: { imageId: typeof data.imageId === 'string' ? data.imageId : null },
  };
  if (typeof data.tag === 'string') options.tag = data.tag;
  event.waitUntil(sw.registration.showNotification(title, options));
});

sw.addEventListener('notificationclick', (event) => {
  event.notification.close();
  // Only the app's own inbox: a push never sends the phone to another origin.
  const target = new URL('/#inbox', sw.location.origin).href;
  event.waitUntil(
    (async () => {
      const windows = await sw.clients.matchAll({ type: 'window', includeUncontrolled: true });
      const open = windows.find((w) => new URL(w.url).origin === sw.location.origin);
      if (open) {
        await open.focus();
        await open.navigate(target).catch(() => null);
        return;
      }
      await sw.clients.openWindow(target);
    })(),
  );
});

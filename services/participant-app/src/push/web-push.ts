import type { BackendClient } from '@photo/web/api/client';
import { failure } from '../app/api-sources';

/** Where Web Push stands on this phone. */
export type PushState =
  { kind: 'unsupported' } | { kind: 'blocked' } | { kind: 'off' } | { kind: 'on'; endpoint: string };

/** The browser's part: the worker's push manager and the notification permission. Tests may pass their own. */
export interface PushPlatform {
  registration(): Promise<ServiceWorkerRegistration | null>;
  permission(): NotificationPermission;
  requestPermission(): Promise<NotificationPermission>;
}

export const browserPush: PushPlatform = {
  async registration() {
    if (!('serviceWorker' in navigator) || !('PushManager' in globalThis) || !('Notification' in globalThis))
      return null;
    // The worker registers at start; `ready` waits for it (never resolves without one, so only after a check).
    return (await navigator.serviceWorker.getRegistration('/')) ? navigator.serviceWorker.ready : null;
  },
  permission: () => Notification.permission,
  requestPermission: () => Notification.requestPermission(),
};

export async function pushState(platform: PushPlatform): Promise<PushState> {
  const registration = await platform.registration();
  if (!registration) return { kind: 'unsupported' };
  if (platform.permission() === 'denied') return { kind: 'blocked' };
  const subscription = await registration.pushManager.getSubscription();
  return subscription ? { kind: 'on', endpoint: subscription.endpoint } : { kind: 'off' };
}

/** The VAPID key as pushManager.subscribe() wants it: base64url → bytes. */
export function applicationServerKey(base64url: string): Uint8Array<ArrayBuffer> {
  const base64 = base64url.replace(/-/g, '+').replace(/_/g, '/');
  const binary = atob(base64 + '='.repeat((4 - (base64.length % 4)) % 4));
  return Uint8Array.from(binary, (c) => c.charCodeAt(0));
}

/**
 * Turns push on: asks for permission, subscribes with the server's VAPID public key and hands the subscription to
 * the server. A subscription the phone had already (another key, another account) is replaced.
 */
export async function turnPushOn(api: BackendClient, platform: PushPlatform): Promise<PushState> {
  const registration = await platform.registration();
  if (!registration) return { kind: 'unsupported' };
  if ((await platform.requestPermission()) !== 'granted') return { kind: 'blocked' };
  const key = await api.GET('/push/vapid-public-key');
  if (!key.data) throw failure(key.response, key.error);
  await (await registration.pushManager.getSubscription())?.unsubscribe();
  const subscription = await registration.pushManager.subscribe({
    userVisibleOnly: true,
    applicationServerKey: applicationServerKey(key.data.publicKey),
  });
  const json = subscription.toJSON();
  const saved = await api.POST('/me/push-subscriptions', {
    body: {
      endpoint: subscription.endpoint,
      keys: { p256dh: json.keys?.p256dh ?? '', auth: json.keys?.auth ?? '' },
    },
  });
  if (!saved.data) {
    await subscription.unsubscribe();
    throw failure(saved.response, saved.error);
  }
  return { kind: 'on', endpoint: subscription.endpoint };
}

/** Turns push off on this phone: the server forgets the endpoint, then the browser drops the subscription. */
export async function turnPushOff(api: BackendClient, platform: PushPlatform): Promise<PushState> {
  const registration = await platform.registration();
  const subscription = await registration?.pushManager.getSubscription();
  if (!subscription) return { kind: 'off' };
  const removed = await api.DELETE('/me/push-subscriptions', {
    params: { query: { endpoint: subscription.endpoint } },
  });
  if (!removed.data) throw failure(removed.response, removed.error);
  await subscription.unsubscribe();
  return { kind: 'off' };
}

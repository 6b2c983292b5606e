import { describe, expect, it } from 'vitest';
import { createApiClient } from '@photo/web/api/client';
import { applicationServerKey, turnPushOff, turnPushOn, type PushPlatform } from './web-push';

const KEY = Buffer.from(Uint8Array.from({ length: 65 }, (_, i) => (i * 7) % 256)).toString('base64url');
const ENDPOINT = 'https://push.example/send/abc';

/** A push manager holding at most one subscription, as the browser's does. */
function fakePlatform(permission: NotificationPermission) {
  let current: { endpoint: string; key: Uint8Array } | null = null;
  const subscription = () => ({
    endpoint: current!.endpoint,
    toJSON: () => ({ endpoint: current!.endpoint, keys: { p256dh: KEY, auth: 'AAAAAAAAAAAAAAAAAAAAAA' } }),
    unsubscribe: () => Promise.resolve(((current = null), true)),
  });
  const pushManager = {
    getSubscription: () => Promise.resolve(current ? subscription() : null),
    subscribe: (options: { applicationServerKey: Uint8Array }) => {
      current = { endpoint: ENDPOINT, key: options.applicationServerKey };
      return Promise.resolve(subscription());
    },
  };
  const platform: PushPlatform = {
    registration: () => Promise.resolve({ pushManager } as unknown as ServiceWorkerRegistration),
    permission: () => permission,
    requestPermission: () => Promise.resolve(permission),
  };
  return { platform, current: () => current };
}

/** A server answering the three push calls, recording what it was sent. */
function fakeServer() {
  const calls: string[] = [];
  const api = createApiClient({
    baseUrl: 'https://api.example',
    getToken: () => Promise.resolve('pt_test'),
    fetch: async (request) => {
      const url = new URL(request.url);
      calls.push(`${request.method} ${url.pathname}${url.search}`);
      const json = (status: number, body: unknown) =>
        new Response(JSON.stringify(body), { status, headers: { 'content-type': 'application/json' } });
      if (url.pathname === '/push/vapid-public-key') return json(200, { publicKey: KEY });
      if (request.method === 'POST') {
        const body = (await request.json()) as { endpoint: string };
        return json(201, { endpoint: body.endpoint, createdAt: new Date(0).toISOString() });
      }
      return json(200, { removed: 1 });
    },
  });
  return { api, calls };
}

describe('web push on the phone', () => {
  it('when the VAPID key is decoded, then it is the 65 bytes the server encoded (base64url, no padding)', () => {
    const bytes = applicationServerKey(KEY);
    expect(bytes).toHaveLength(65);
    expect(Buffer.from(bytes).toString('base64url')).toBe(KEY);
  });

  it('when push is turned on and off, then the subscription uses the server key and the server is told both times', async () => {
    const phone = fakePlatform('granted');
    const server = fakeServer();
    expect(await turnPushOn(server.api, phone.platform)).toEqual({ kind: 'on', endpoint: ENDPOINT });
    expect(Buffer.from(phone.current()!.key).toString('base64url')).toBe(KEY);
    expect(await turnPushOff(server.api, phone.platform)).toEqual({ kind: 'off' });
    expect(phone.current()).toBeNull();
    expect(server.calls).toEqual([
      'GET /push/vapid-public-key',
      'POST /me/push-subscriptions',
      `DELETE /me/push-subscriptions?endpoint=${encodeURIComponent(ENDPOINT)}`,
    ]);
  });

  it('when the person refuses the permission, then nothing is subscribed and the server is not called', async () => {
    const phone = fakePlatform('denied');
    const server = fakeServer();
    expect(await turnPushOn(server.api, phone.platform)).toEqual({ kind: 'blocked' });
    expect(phone.current()).toBeNull();
    expect(server.calls).toEqual([]);
  });
});

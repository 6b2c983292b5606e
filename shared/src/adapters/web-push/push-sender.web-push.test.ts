import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { LoopbackHttpServer } from '../../testing/loopback-http';
import { WebPushClientKeys } from '../../testing/web-push-client';
import { generateVapidKeys, WebPushSender } from './push-sender.web-push';

describe('WebPushSender against a push service on loopback', () => {
  let service: LoopbackHttpServer;
  const vapid = { ...generateVapidKeys(), subject: 'mailto:ops@event-photo.local' };
  const browser = new WebPushClientKeys();
  const sender = new WebPushSender(vapid, 10_000, { allowPrivate: true });
  beforeAll(async () => {
    service = await new LoopbackHttpServer().start();
  });
  afterAll(() => service.stop());

  const push = (path: string) =>
    sender.send({
      target: { endpoint: `${service.url}${path}`, keys: browser.keys },
      payload: '{"title":"Ben liked your photo"}',
      ttlSeconds: 3600,
      topic: 'ntf1',
    });

  it('when a message is pushed, then the service gets an encrypted aes128gcm body with VAPID auth and TTL, which the browser decrypts', async () => {
    service.reply = () => ({ status: 201, headers: { location: 'https://push.example/m/1' } });
    expect(await push('/push/abc')).toEqual({ status: 'sent', providerId: 'https://push.example/m/1' });
    const request = service.requests.at(-1)!;
    expect(request).toMatchObject({ method: 'POST', path: '/push/abc' });
    expect(request.headers.ttl).toBe('3600');
    expect(request.headers.topic).toBe('ntf1');
    expect(request.headers['content-encoding']).toBe('aes128gcm');
    expect(request.headers.authorization).toMatch(
      new RegExp(`^vapid t=[\\w-]+\\.[\\w-]+\\.[\\w-]+, k=${vapid.publicKey}$`),
    );
    const jwt = JSON.parse(
      Buffer.from(request.headers.authorization!.split('.')[1]!, 'base64url').toString(),
    ) as Record<string, unknown>;
    expect(jwt).toMatchObject({ aud: service.url, sub: 'mailto:ops@event-photo.local' });
    expect(request.body.toString()).not.toContain('Ben');
    expect(JSON.parse(browser.decrypt(request.body))).toEqual({ title: 'Ben liked your photo' });
  });

  it('when the service answers 404 or 410, then the subscription is gone', async () => {
    for (const status of [404, 410]) {
      service.reply = () => ({ status });
      expect(await push('/push/old')).toMatchObject({ status: 'gone' });
    }
  });

  it('when the service answers 429 or 503, then a transient failure; 400 is permanent', async () => {
    for (const [status, retryable] of [
      [429, true],
      [503, true],
      [400, false],
    ] as const) {
      service.reply = () => ({ status, body: 'nope' });
      expect(await push('/push/x')).toMatchObject({ status: 'failed', retryable });
    }
  });
});

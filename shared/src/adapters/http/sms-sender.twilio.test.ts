import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { LoopbackHttpServer } from '../../testing/loopback-http';
import { TwilioSmsSender } from './sms-sender.twilio';

describe('TwilioSmsSender against a Twilio-shaped provider on loopback', () => {
  let provider: LoopbackHttpServer;
  let sender: TwilioSmsSender;
  beforeAll(async () => {
    provider = await new LoopbackHttpServer().start();
    sender = new TwilioSmsSender({
      baseUrl: provider.url,
      accountSid: 'AC123',
      authToken: 'secret',
      from: '+15005550006',
    });
  });
  afterAll(() => provider.stop());

  const sms = () =>
    sender.send({ to: '+819012345678', body: 'Ben liked your photo', idempotencyKey: 'ntf_1:sms' });

  it('when an SMS is sent, then the provider gets a form-encoded POST to the Messages resource with basic auth', async () => {
    provider.reply = () => ({ status: 201, body: JSON.stringify({ sid: 'SM42', status: 'queued' }) });
    expect(await sms()).toEqual({ status: 'sent', providerId: 'SM42' });
    const request = provider.requests.at(-1)!;
    expect(request).toMatchObject({ method: 'POST', path: '/2010-04-01/Accounts/AC123/Messages.json' });
    expect(request.headers['content-type']).toMatch(/^application\/x-www-form-urlencoded/);
    expect(request.headers.authorization).toBe(`Basic ${Buffer.from('AC123:secret').toString('base64')}`);
    expect(Object.fromEntries(new URLSearchParams(request.body.toString()))).toEqual({
      To: '+819012345678',
      From: '+15005550006',
      Body: 'Ben liked your photo',
    });
  });

  it('when the provider answers 503 or 429, then a transient failure; 400 (an invalid number) is permanent', async () => {
    for (const [status, retryable] of [
      [503, true],
      [429, true],
      [400, false],
    ] as const) {
      provider.reply = () => ({ status, body: '{"code":21211}' });
      expect(await sms()).toMatchObject({ status: 'failed', retryable });
    }
  });

  it('when nothing listens, then a transient failure', async () => {
    const down = new TwilioSmsSender({
      baseUrl: 'http://127.0.0.1:9',
      accountSid: 'AC1',
      authToken: 't',
      from: '+1',
    });
    expect(await down.send({ to: '+1', body: 'x', idempotencyKey: 'k' })).toMatchObject({
      status: 'failed',
      retryable: true,
    });
  });
});

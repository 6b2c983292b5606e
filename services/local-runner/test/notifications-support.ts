import { expect, vi } from 'vitest';
import type { Delivery } from '@photo/shared/ports/delivery-repository.port';
import { LoopbackHttpServer, type RecordedRequest } from '@photo/shared/testing/loopback-http';
import { noisyJpeg } from '@photo/shared/testing/images';
import { SmtpTestServer } from '@photo/shared/testing/smtp-test-server';
import { WebPushClientKeys } from '@photo/shared/testing/web-push-client';
import type { Harness } from './harness';
import { createParticipant, json, type CreatedParticipant } from './support';

/** The outside world of the notification channels, on loopback: an SMTP server, a push service, an SMS provider. */
export async function startChannels() {
  const smtp = await new SmtpTestServer().start();
  const push = await new LoopbackHttpServer().start();
  const sms = await new LoopbackHttpServer().start();
  // A push endpoint whose path says "gone" answers 410, as a push service does for an unsubscribed browser.
  push.reply = (r) => (r.path.includes('gone') ? { status: 410 } : { status: 201 });
  sms.reply = () => ({ status: 201, body: JSON.stringify({ sid: `SM${sms.requests.length}` }) });
  const env = {
    SMTP_URL: smtp.url,
    SMS_API_URL: sms.url,
    SMS_ACCOUNT_SID: 'AC_test',
    SMS_AUTH_TOKEN: 'token',
    SMS_FROM: '+15005550006',
    PUSH_ALLOW_LOOPBACK_HTTP: 'true',
    // Three likes in a row must land in one window in both modes; each answers only once its event is published.
    DIGEST_WINDOW_SECONDS: '1.5',
    EMAIL_UNREAD_DELAY_SECONDS: '0.5',
    DISPATCH_INTERVAL_MS: '20',
    OUTBOX_RELAY_INTERVAL_MS: '50',
    DELIVERY_MIN_BACKOFF_SECONDS: '0.05',
    DELIVERY_MAX_BACKOFF_SECONDS: '0.2',
    DELIVERY_MAX_ATTEMPTS: '3',
    PUSH_PER_HOUR: '100',
    EMAIL_PER_DAY: '100',
    SMS_PER_DAY: '100',
  };
  return { smtp, push, sms, env, stop: () => Promise.all([smtp.stop(), push.stop(), sms.stop()]) };
}

export type Channels = Awaited<ReturnType<typeof startChannels>>;

/** A participant with a look of their own, made by the real pipeline: photo → clustering → recolouring. */
export async function participantWithLook(
  h: Harness,
  name: string,
): Promise<CreatedParticipant & { lookImageId: string }> {
  const [operator, staff] = [await h.token('operator'), await h.token('staff')];
  const created = await createParticipant(h, operator, name);
  const { visitorId, photoImageId } = created.participant;
  const put = await h.api(`/participants/${visitorId}/photo`, {
    method: 'PUT',
    token: staff,
    headers: { 'content-type': 'image/jpeg' },
    body: new Uint8Array(await noisyJpeg(120, 90, name.length)),
  });
  expect(put.status).toBe(201);
  await h.settle();
  const detail = (await (await h.api(`/images/${photoImageId}`, { token: operator })).json()) as {
    palette: { paletteId: string };
  };
  const look = await h.api(`/participants/${visitorId}/looks`, {
    method: 'POST',
    token: operator,
    ...json({ paletteIds: [detail.palette.paletteId] }),
  });
  expect(look.status).toBe(202);
  const { lookImageId } = (await look.json()) as { lookImageId: string };
  await h.settle();
  return { ...created, lookImageId };
}

/** Registers a push subscription for the participant whose endpoint is `path` on the loopback push service. */
export async function subscribe(
  h: Harness,
  channels: Channels,
  token: string,
  path: string,
): Promise<WebPushClientKeys & { endpoint: string }> {
  const browser = new WebPushClientKeys();
  const endpoint = `${channels.push.url}${path}`;
  const res = await h.api('/me/push-subscriptions', {
    method: 'POST',
    token,
    ...json({ endpoint, expirationTime: null, keys: browser.keys }),
  });
  expect(res.status).toBe(201);
  return Object.assign(browser, { endpoint });
}

export const like = (h: Harness, token: string, imageId: string) =>
  h.api('/likes', { method: 'POST', token, ...json({ imageId }) });

export interface InboxItem {
  notificationId: string;
  imageId: string;
  text: string;
  actorCount: number;
  actors: { visitorId: string; displayName: string }[];
  deepLink: string;
  read: boolean;
  thumbnail: { url: string } | null;
}

export async function inbox(h: Harness, token: string): Promise<InboxItem[]> {
  const res = await h.api('/me/notifications', { token });
  expect(res.status).toBe(200);
  return ((await res.json()) as { items: InboxItem[] }).items;
}

const FINAL = new Set(['sent', 'skipped', 'cancelled', 'failed']);

/**
 * Waits until the notification's digest has run and every delivery it planned is final; answers them by channel.
 * Nothing is slept: the delivery log is polled.
 */
export async function deliveriesSettled(
  h: Harness,
  notificationId: string,
  timeout = 15_000,
): Promise<Record<string, Delivery>> {
  const deliveries = h.system.adapters.deliveries;
  return vi.waitFor(
    async () => {
      const all = await deliveries.listForNotification(notificationId);
      const digest = all.find((d) => d.channel === 'digest');
      if (!digest || !all.every((d) => FINAL.has(d.state)))
        throw new Error(`not settled: ${all.map((d) => `${d.channel}=${d.state}`).join(', ')}`);
      return Object.fromEntries(all.map((d) => [d.channel, d]));
    },
    { timeout, interval: 20 },
  );
}

/** The decrypted pushes a subscription received. */
export function pushesTo(
  channels: Channels,
  browser: WebPushClientKeys & { endpoint: string },
): Record<string, unknown>[] {
  const path = new URL(browser.endpoint).pathname;
  return channels.push.requests
    .filter((r: RecordedRequest) => r.path === path)
    .map((r) => JSON.parse(browser.decrypt(r.body)) as Record<string, unknown>);
}

export const smsBodies = (channels: Channels): Record<string, string>[] =>
  channels.sms.requests.map((r) => Object.fromEntries(new URLSearchParams(r.body.toString())));

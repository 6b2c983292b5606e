import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { newVisitorId } from '../../domain/ids';
import type { NotificationPreferences, PushSubscriptionRecord } from '../../domain/notification';
import type { NotificationSettingsRepository } from '../notification-settings.port';

export interface NotificationSettingsFixture {
  settings: NotificationSettingsRepository;
  teardown: () => Promise<void>;
}

const T0 = Date.parse('2025-06-01T10:00:00.000Z');
const at = (seconds: number): Date => new Date(T0 + seconds * 1000);

let endpoints = 0;
const subscription = (visitorId: string, seconds: number, endpoint?: string): PushSubscriptionRecord => ({
  visitorId,
  endpoint: endpoint ?? `https://push.example.com/send/${++endpoints}-${Math.random().toString(36).slice(2)}`,
  keys: { p256dh: `key-${endpoints}`, auth: `auth-${endpoints}` },
  createdAt: at(seconds),
});

/** The semantics every NotificationSettingsRepository adapter must keep; run it against each one. */
export function notificationSettingsContract(
  name: string,
  setup: () => Promise<NotificationSettingsFixture>,
): void {
  describe(`NotificationSettingsRepository contract: ${name}`, () => {
    let settings: NotificationSettingsRepository;
    let teardown: () => Promise<void>;
    beforeEach(async () => {
      ({ settings, teardown } = await setup());
    });
    afterEach(async () => {
      await teardown();
    });

    it('when preferences were never saved, then null; once saved, they round-trip and a second save replaces them', async () => {
      const visitorId = newVisitorId();
      expect(await settings.getPreferences(visitorId)).toBeNull();
      const first: NotificationPreferences = {
        visitorId,
        channels: { push: true, email: true, sms: false },
        email: 'aiko@example.com',
        phone: '+819012345678',
        quietHours: { start: '22:00', end: '07:30' },
        timeZone: 'Asia/Tokyo',
        updatedAt: at(1),
      };
      await settings.putPreferences(first);
      expect(await settings.getPreferences(visitorId)).toEqual(first);
      const second: NotificationPreferences = {
        ...first,
        channels: { push: false, email: false, sms: true },
        email: null,
        quietHours: null,
        timeZone: 'UTC',
        updatedAt: at(2),
      };
      await settings.putPreferences(second);
      expect(await settings.getPreferences(visitorId)).toEqual(second);
      expect(await settings.getPreferences(newVisitorId())).toBeNull();
    });

    it('when subscriptions are saved, then each participant lists their own, oldest first', async () => {
      const [a, b] = [newVisitorId(), newVisitorId()];
      const subs = [subscription(a, 1), subscription(a, 2), subscription(b, 3)];
      for (const s of subs) await settings.savePushSubscription(s);
      expect(await settings.listPushSubscriptions(a)).toEqual(subs.slice(0, 2));
      expect(await settings.listPushSubscriptions(b)).toEqual([subs[2]]);
      expect(await settings.listPushSubscriptions(newVisitorId())).toEqual([]);
    });

    it('when an endpoint is registered again, then it is one subscription, with the latest keys and owner', async () => {
      const [a, b] = [newVisitorId(), newVisitorId()];
      const first = subscription(a, 1);
      await settings.savePushSubscription(first);
      const moved = {
        ...first,
        visitorId: b,
        keys: { p256dh: 'new-key', auth: 'new-auth' },
        createdAt: at(2),
      };
      await settings.savePushSubscription(moved);
      expect(await settings.listPushSubscriptions(a)).toEqual([]);
      expect(await settings.listPushSubscriptions(b)).toEqual([moved]);
    });

    it('when a participant removes one endpoint or all, then only theirs go', async () => {
      const [a, b] = [newVisitorId(), newVisitorId()];
      const [a1, a2, a3, b1] = [
        subscription(a, 1),
        subscription(a, 2),
        subscription(a, 3),
        subscription(b, 4),
      ];
      for (const s of [a1, a2, a3, b1]) await settings.savePushSubscription(s);
      expect(await settings.removePushSubscriptions(a, a1.endpoint)).toBe(1);
      expect(await settings.removePushSubscriptions(a, b1.endpoint)).toBe(0);
      expect(await settings.listPushSubscriptions(a)).toEqual([a2, a3]);
      expect(await settings.removePushSubscriptions(a, null)).toBe(2);
      expect(await settings.listPushSubscriptions(a)).toEqual([]);
      expect(await settings.listPushSubscriptions(b)).toEqual([b1]);
    });

    it('when the push service reports an endpoint gone, then it is removed whoever it belonged to; twice is harmless', async () => {
      const a = newVisitorId();
      const [gone, kept] = [subscription(a, 1), subscription(a, 2)];
      await settings.savePushSubscription(gone);
      await settings.savePushSubscription(kept);
      await settings.removePushEndpoint(gone.endpoint);
      await settings.removePushEndpoint(gone.endpoint);
      expect(await settings.listPushSubscriptions(a)).toEqual([kept]);
    });
  });
}

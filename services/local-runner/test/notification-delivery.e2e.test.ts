import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { likeCreatedOutbox } from '@photo/shared/events/like-outbox';
import { tempDir } from '@photo/shared/testing/system-under-test';
import { startHarness, type Harness } from './harness';
import {
  deliveriesSettled,
  inbox,
  like,
  participantWithLook,
  pushesTo,
  startChannels,
  subscribe,
  type Channels,
} from './notifications-support';
import { createParticipant, json, type CreatedParticipant } from './support';

describe('notification delivery: crash safety, duplicates, gone subscriptions, provider failures', () => {
  let channels: Channels;
  beforeAll(async () => {
    channels = await startChannels();
  });
  afterAll(() => channels.stop());

  it('when the process dies between a like commit and its publish, then a restart on the same data dir sends it', async () => {
    const dir = await tempDir();
    let h = await startHarness({ env: channels.env, dataDir: dir.dir, outboxRelay: false });
    try {
      const emi = await participantWithLook(h, 'Emi');
      const ben = await createParticipant(h, await h.token('operator'), 'Ben');
      const phone = await subscribe(h, channels, emi.participantToken, '/push/emi-phone');
      expect((await like(h, ben.participantToken, emi.lookImageId)).status).toBe(201);
      await h.settle();
      const [item] = await inbox(h, emi.participantToken);
      // Committed (the like and the in-app row), never published: the bus and the worker know nothing of it.
      expect(await h.system.adapters.outbox.pending(10)).toHaveLength(1);
      expect(await h.system.adapters.deliveries.listForNotification(item!.notificationId)).toEqual([]);
      await h.stop(true);

      h = await startHarness({ env: channels.env, dataDir: dir.dir });
      const settled = await deliveriesSettled(h, item!.notificationId);
      expect(settled.push?.state).toBe('sent');
      // The VAPID keys were kept in the data dir, so the subscription made before the restart still decrypts.
      expect(pushesTo(channels, phone)).toEqual([
        expect.objectContaining({ title: 'Ben liked your look', notificationId: item!.notificationId }),
      ]);
      expect(await h.system.adapters.outbox.pending(10)).toEqual([]);
    } finally {
      await h.stop();
      await dir.remove();
    }
  });

  describe('on one running system', () => {
    let h: Harness;
    let owner: CreatedParticipant & { lookImageId: string };
    let likers: CreatedParticipant[];
    let next = 0;
    beforeAll(async () => {
      h = await startHarness({ env: channels.env });
      owner = await participantWithLook(h, 'Fumi');
      const operator = await h.token('operator');
      likers = await Promise.all(
        ['Gen', 'Hana', 'Ichiro', 'Jun', 'Kei'].map((n) => createParticipant(h, operator, n)),
      );
      await h.api('/me/notification-preferences', {
        method: 'PUT',
        token: owner.participantToken,
        ...json({
          channels: { push: true, email: true, sms: true },
          email: 'fumi@example.com',
          phone: '+447700900123',
          quietHours: null,
          timeZone: 'Europe/London',
        }),
      });
    });
    afterAll(() => h.stop());
    beforeEach(async () => {
      channels.sms.reply = () => ({ status: 201, body: '{"sid":"SM1"}' });
      // Each test starts a new notification group: earlier ones are read.
      await h.api('/me/notifications/read-all', { method: 'POST', token: owner.participantToken });
    });

    const likeByNext = async () => {
      const liker = likers[next++]!;
      expect((await like(h, liker.participantToken, owner.lookImageId)).status).toBe(201);
      const [item] = await inbox(h, owner.participantToken);
      return { liker, item: item! };
    };

    it('when the same like event is delivered twice and three dispatchers race, then each channel sends once', async () => {
      const phone = await subscribe(h, channels, owner.participantToken, '/push/fumi-dup');
      const before = { mail: channels.smtp.received.length, sms: channels.sms.requests.length };
      const { liker, item } = await likeByNext();
      const stored = await h.system.adapters.likes.get(owner.lookImageId, liker.participant.visitorId);
      const duplicate = likeCreatedOutbox(stored!, owner.participant.visitorId);
      await h.system.adapters.publisher.publish(duplicate.topic, duplicate.message);
      await h.system.adapters.publisher.publish(duplicate.topic, duplicate.message);
      const race = async () => {
        for (let i = 0; i < 40; i++)
          await Promise.all([1, 2, 3].map(() => h.system.notifications.dispatchNow()));
      };
      await Promise.all([race(), deliveriesSettled(h, item.notificationId)]);
      await h.settle();
      expect(pushesTo(channels, phone).filter((p) => p.notificationId === item.notificationId)).toHaveLength(
        1,
      );
      const mails = channels.smtp.received
        .slice(before.mail)
        .filter((m) => m.header('x-event-photo-delivery') === `${item.notificationId}:email`);
      expect(mails).toHaveLength(1);
      expect(channels.sms.requests.length - before.sms).toBe(1);
      await h.api(`/me/push-subscriptions?endpoint=${encodeURIComponent(phone.endpoint)}`, {
        method: 'DELETE',
        token: owner.participantToken,
      });
    });

    it('when the push service answers 410 for one device, then that subscription is removed and the other device still gets it', async () => {
      const gone = await subscribe(h, channels, owner.participantToken, '/push/gone-tablet');
      const phone = await subscribe(h, channels, owner.participantToken, '/push/fumi-phone');
      const { item } = await likeByNext();
      const settled = await deliveriesSettled(h, item.notificationId);
      expect(settled.push?.state).toBe('sent');
      expect(pushesTo(channels, phone)).toHaveLength(1);
      expect(channels.push.requests.filter((r) => r.path === '/push/gone-tablet')).toHaveLength(1);
      const left = await h.system.adapters.notificationSettings.listPushSubscriptions(
        owner.participant.visitorId,
      );
      expect(left.map((s) => s.endpoint)).toEqual([phone.endpoint]);
      expect(left.map((s) => s.endpoint)).not.toContain(gone.endpoint);
    });

    it('when the SMS provider fails twice with 503, then the SMS is retried with backoff and sent on the third attempt', async () => {
      let calls = 0;
      channels.sms.reply = () =>
        ++calls <= 2 ? { status: 503, body: 'busy' } : { status: 201, body: '{"sid":"SM3"}' };
      const { item } = await likeByNext();
      const settled = await deliveriesSettled(h, item.notificationId);
      expect(settled.sms).toMatchObject({ state: 'sent', attempts: 3 });
      expect(calls).toBe(3);
    });

    it('when the SMS provider keeps failing, then after the last attempt the delivery is recorded as failed with the reason', async () => {
      channels.sms.reply = () => ({ status: 503, body: 'down' });
      const { item } = await likeByNext();
      const settled = await deliveriesSettled(h, item.notificationId);
      expect(settled.sms).toMatchObject({
        state: 'failed',
        attempts: 3,
        lastError: expect.stringMatching(/^gave up after 3 attempts: sms provider answered 503/),
      });
      expect(settled.push?.state).toBe('sent');
    });

    it('when the SMS provider refuses the number (400), then it is failed at once, not retried', async () => {
      channels.sms.reply = () => ({ status: 400, body: '{"code":21211,"message":"invalid To"}' });
      const { item } = await likeByNext();
      const settled = await deliveriesSettled(h, item.notificationId);
      expect(settled.sms).toMatchObject({
        state: 'failed',
        attempts: 1,
        lastError: expect.stringContaining('400'),
      });
    });
  });
});

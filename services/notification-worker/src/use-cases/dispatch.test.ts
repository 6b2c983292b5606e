import { describe, expect, it } from 'vitest';
import { newImageId, newVisitorId } from '@photo/shared/domain/ids';
import { TestClock, workerOverSqlite } from '../../test/worker-over-sqlite';
import { dispatchDue } from './dispatch';

const T0 = Date.parse('2025-06-01T14:30:00Z'); // 23:30 in Tokyo

async function setup(env: Record<string, string> = {}) {
  const clock = new TestClock(T0);
  const w = workerOverSqlite(clock, {
    EMAIL_UNREAD_DELAY_SECONDS: '600',
    DELIVERY_MAX_ATTEMPTS: '3',
    ...env,
  });
  const owner = newVisitorId();
  await w.deps.settings.putPreferences({
    visitorId: owner,
    channels: { push: true, email: true, sms: true },
    email: 'owner@example.com',
    phone: '+819012345678',
    quietHours: null,
    timeZone: 'Asia/Tokyo',
    updatedAt: clock.now(),
  });
  await w.deps.settings.savePushSubscription({
    visitorId: owner,
    endpoint: 'https://push.example/1',
    keys: { p256dh: 'k', auth: 'a' },
    createdAt: clock.now(),
  });
  const notify = async () => {
    const { like } = await w.likes.like({
      imageId: newImageId(),
      likerVisitorId: newVisitorId(),
      ownerVisitorId: owner,
      now: clock.now(),
    });
    await w.deps.deliveries.schedule({
      notificationId: like.notificationId!,
      recipientVisitorId: owner,
      channel: 'digest',
      dueAt: clock.now(),
      now: clock.now(),
    });
    return like.notificationId!;
  };
  const states = async (id: string) =>
    Object.fromEntries(
      (await w.deps.deliveries.listForNotification(id)).map((d) => [
        d.channel,
        `${d.state}${d.lastError ? `: ${d.lastError}` : ''}`,
      ]),
    );
  return { clock, w, owner, notify, states };
}

describe('dispatchDue over SQLite with recording channels', () => {
  it('when a digest is due, then push and SMS go at once and e-mail after the delay, if still unread', async () => {
    const { clock, w, notify, states } = await setup();
    const id = await notify();
    expect(await dispatchDue(w.deps)).toMatchObject({ sent: 3 });
    expect([w.sent.push.length, w.sent.sms.length, w.sent.email.length]).toEqual([1, 1, 0]);
    clock.advance(600_000);
    await dispatchDue(w.deps);
    expect(w.sent.email).toEqual([
      expect.objectContaining({
        to: 'owner@example.com',
        subject: 'Someone liked your photo',
        idempotencyKey: `${id}:email`,
      }),
    ]);
    expect(await states(id)).toEqual({
      digest: expect.stringMatching(/^sent: push now; email \+600s/),
      push: 'sent',
      sms: 'sent',
      email: 'sent',
    });
  });

  it('when it is quiet hours in the recipient time zone, then push, SMS and e-mail wait until they end', async () => {
    const { clock, w, owner, notify } = await setup();
    const prefs = await w.deps.settings.getPreferences(owner);
    await w.deps.settings.putPreferences({ ...prefs!, quietHours: { start: '22:00', end: '07:00' } });
    await notify();
    await dispatchDue(w.deps);
    expect([w.sent.push.length, w.sent.sms.length]).toEqual([0, 0]);
    clock.advance(600_000); // 23:40 Tokyo: the e-mail delay has passed, but it is still quiet
    await dispatchDue(w.deps);
    expect(w.sent.email.length).toBe(0);
    clock.advance(7.5 * 3600_000 - 660_000); // 06:59 Tokyo
    await dispatchDue(w.deps);
    expect([w.sent.push.length, w.sent.sms.length, w.sent.email.length]).toEqual([0, 0, 0]);
    clock.advance(60_000); // 07:00 Tokyo
    await dispatchDue(w.deps);
    expect([w.sent.push.length, w.sent.sms.length, w.sent.email.length]).toEqual([1, 1, 1]);
  });

  it('when the push rate limit is reached, then the next notification skips push within the hour and sends it after', async () => {
    const { clock, w, notify, states } = await setup({ PUSH_PER_HOUR: '1' });
    await notify();
    await dispatchDue(w.deps);
    const second = await notify();
    await dispatchDue(w.deps);
    expect(w.sent.push).toHaveLength(1);
    expect((await states(second)).digest).toContain('push skipped (rate limit: 1 per 1 h)');
    // A send exactly an hour ago still counts; a millisecond later it does not.
    clock.advance(3600_001);
    await notify();
    await dispatchDue(w.deps);
    expect(w.sent.push).toHaveLength(2);
  });

  it('when the notification was removed before its digest, then the digest is cancelled and nothing is sent', async () => {
    const { w, notify, states } = await setup();
    const id = await notify();
    const like = (await w.deps.notifications.get(id))!;
    await w.likes.unlike({
      imageId: like.imageId,
      likerVisitorId: like.actorVisitorIds[0]!,
      now: new Date(T0),
    });
    expect(await dispatchDue(w.deps)).toMatchObject({ cancelled: 1, sent: 0 });
    expect(await states(id)).toEqual({ digest: 'cancelled: every like was withdrawn' });
  });

  it('when a channel throws, then it is retried with backoff and recorded as failed after the last attempt', async () => {
    const { clock, w, notify, states } = await setup({ DELIVERY_MIN_BACKOFF_SECONDS: '10' });
    w.answer.sms = () => {
      throw new Error('socket hang up');
    };
    const id = await notify();
    expect(await dispatchDue(w.deps)).toMatchObject({ retried: 1 });
    clock.advance(10_000);
    expect(await dispatchDue(w.deps)).toMatchObject({ retried: 1 });
    clock.advance(19_999);
    expect(await dispatchDue(w.deps)).toMatchObject({ retried: 0, failed: 0 });
    clock.advance(1);
    expect(await dispatchDue(w.deps)).toMatchObject({ failed: 1 });
    expect((await states(id)).sms).toBe('failed: gave up after 3 attempts: socket hang up');
  });

  it('when every push subscription is gone, then they are removed and push is skipped', async () => {
    const { w, owner, notify, states } = await setup();
    w.answer.push = { status: 'gone', reason: 'push service answered 410' };
    const id = await notify();
    await dispatchDue(w.deps);
    expect((await states(id)).push).toBe('skipped: every push subscription is gone');
    expect(await w.deps.settings.listPushSubscriptions(owner)).toEqual([]);
  });
});

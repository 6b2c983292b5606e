import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { newNotificationId, newVisitorId } from '../../domain/ids';
import type { DeliveryChannel, DeliveryRepository } from '../delivery-repository.port';

export interface DeliveryRepositoryFixture {
  deliveries: DeliveryRepository;
  teardown: () => Promise<void>;
}

const T0 = Date.parse('2025-06-01T10:00:00.000Z');
const at = (seconds: number): Date => new Date(T0 + seconds * 1000);
const LEASE = 30_000;

/** The semantics every DeliveryRepository adapter must keep; run it against each one. */
export function deliveryRepositoryContract(
  name: string,
  setup: () => Promise<DeliveryRepositoryFixture>,
): void {
  describe(`DeliveryRepository contract: ${name}`, () => {
    let deliveries: DeliveryRepository;
    let teardown: () => Promise<void>;
    beforeEach(async () => {
      ({ deliveries, teardown } = await setup());
    });
    afterEach(async () => {
      await teardown();
    });

    const recipient = newVisitorId();
    const schedule = (notificationId: string, channel: DeliveryChannel, dueSeconds: number, nowSeconds = 0) =>
      deliveries.schedule({
        notificationId,
        recipientVisitorId: recipient,
        channel,
        dueAt: at(dueSeconds),
        now: at(nowSeconds),
      });

    it('when the same (notification, channel) is scheduled twice, then the first is kept', async () => {
      const n = newNotificationId();
      const first = await schedule(n, 'email', 10);
      expect(first.outcome).toBe('created');
      expect(first.delivery).toEqual({
        id: `${n}:email`,
        notificationId: n,
        recipientVisitorId: recipient,
        channel: 'email',
        state: 'pending',
        dueAt: at(10),
        attempts: 0,
        leaseExpiresAt: null,
        lastError: null,
        createdAt: at(0),
        settledAt: null,
      });
      expect(await schedule(n, 'email', 99, 5)).toEqual({ outcome: 'exists', delivery: first.delivery });
      expect(await deliveries.get(`${n}:email`)).toEqual(first.delivery);
    });

    it('when due work is claimed, then only due items come, earliest first, each claimed once', async () => {
      const n = newNotificationId();
      await schedule(n, 'sms', 20);
      await schedule(n, 'push', 10);
      await schedule(n, 'email', 100);
      expect(await deliveries.claimDue(at(5), 10, LEASE)).toEqual([]);
      const claimed = await deliveries.claimDue(at(30), 10, LEASE);
      expect(claimed.map((d) => [d.channel, d.state, d.attempts])).toEqual([
        ['push', 'sending', 1],
        ['sms', 'sending', 1],
      ]);
      expect(claimed[0]!.leaseExpiresAt).toEqual(new Date(at(30).getTime() + LEASE));
      expect(await deliveries.claimDue(at(31), 10, LEASE)).toEqual([]);
    });

    it('when two dispatchers claim at once, then each due delivery goes to exactly one of them', async () => {
      const ids = await Promise.all(
        Array.from({ length: 6 }, () => schedule(newNotificationId(), 'push', 1)),
      );
      const claims = await Promise.all([1, 2, 3].map(() => deliveries.claimDue(at(2), 10, LEASE)));
      const claimed = claims.flat().map((d) => d.id);
      expect(claimed.sort()).toEqual(ids.map((r) => r.delivery.id).sort());
    });

    it('when a claim is settled, then it is final; a settle or retry by a stale claim does nothing', async () => {
      const n = newNotificationId();
      await schedule(n, 'email', 1);
      const [claim] = await deliveries.claimDue(at(2), 1, LEASE);
      expect(await deliveries.settle(claim!.id, 0, 'sent', null, at(3))).toBe(false);
      expect(await deliveries.settle(claim!.id, 1, 'sent', null, at(3))).toBe(true);
      expect(await deliveries.settle(claim!.id, 1, 'failed', 'late', at(4))).toBe(false);
      expect(await deliveries.retryAt(claim!.id, 1, at(9), 'late', at(4))).toBe(false);
      expect(await deliveries.get(claim!.id)).toMatchObject({
        state: 'sent',
        settledAt: at(3),
        lastError: null,
        leaseExpiresAt: null,
      });
      expect(await deliveries.claimDue(at(1000), 10, LEASE)).toEqual([]);
    });

    it('when a claim is retried, then it is due again at the new time with its error, and the next claim counts 2', async () => {
      const n = newNotificationId();
      await schedule(n, 'sms', 1);
      const [claim] = await deliveries.claimDue(at(2), 1, LEASE);
      expect(await deliveries.retryAt(claim!.id, 1, at(60), 'provider answered 503', at(3))).toBe(true);
      expect(await deliveries.get(claim!.id)).toMatchObject({
        state: 'pending',
        dueAt: at(60),
        lastError: 'provider answered 503',
      });
      expect(await deliveries.claimDue(at(59), 1, LEASE)).toEqual([]);
      expect((await deliveries.claimDue(at(60), 1, LEASE))[0]?.attempts).toBe(2);
    });

    it('when a dispatcher dies holding a claim, then the claim is taken over after the lease, and the old one cannot settle', async () => {
      const n = newNotificationId();
      await schedule(n, 'push', 1);
      const [first] = await deliveries.claimDue(at(2), 1, LEASE);
      expect(await deliveries.claimDue(at(2 + LEASE / 1000 - 1), 1, LEASE)).toEqual([]);
      const [second] = await deliveries.claimDue(at(2 + LEASE / 1000), 1, LEASE);
      expect(second).toMatchObject({ id: first!.id, attempts: 2 });
      expect(await deliveries.settle(first!.id, 1, 'sent', null, at(40))).toBe(false);
      expect(await deliveries.settle(second!.id, 2, 'sent', null, at(40))).toBe(true);
    });

    it("when a notification's deliveries are cancelled, then only its pending ones are, with the reason", async () => {
      const [n, other] = [newNotificationId(), newNotificationId()];
      await schedule(n, 'digest', 1);
      await schedule(n, 'email', 100);
      await schedule(other, 'email', 100);
      const [digest] = await deliveries.claimDue(at(2), 1, LEASE);
      expect(await deliveries.cancelPending(n, 'unliked', at(3))).toBe(1);
      const states = (await deliveries.listForNotification(n)).map((d) => [d.channel, d.state, d.lastError]);
      expect(states.sort()).toEqual([
        ['digest', 'sending', null],
        ['email', 'cancelled', 'unliked'],
      ]);
      expect((await deliveries.get(`${other}:email`))?.state).toBe('pending');
      expect(digest?.channel).toBe('digest');
    });

    it('when counting sends for a rate limit, then only sent deliveries of that recipient and channel since then count', async () => {
      for (const [channel, due] of [
        ['push', 1],
        ['push', 2],
        ['push', 3],
        ['email', 4],
      ] as const) {
        const n = newNotificationId();
        await schedule(n, channel, due);
        const [claim] = await deliveries.claimDue(at(due), 1, LEASE);
        await deliveries.settle(claim!.id, 1, due === 3 ? 'failed' : 'sent', null, at(due * 10));
      }
      expect(await deliveries.countSent(recipient, 'push', at(0))).toBe(2);
      expect(await deliveries.countSent(recipient, 'push', at(11))).toBe(1);
      expect(await deliveries.countSent(recipient, 'email', at(0))).toBe(1);
      expect(await deliveries.countSent(newVisitorId(), 'push', at(0))).toBe(0);
    });
  });
}

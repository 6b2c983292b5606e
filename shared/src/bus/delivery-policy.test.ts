import { describe, expect, it } from 'vitest';
import type { SubscriptionSpec } from '../events/topology';
import {
  backoffMs,
  DEAD_LETTER,
  deadLetterAttributes,
  extendedLeaseUntil,
  interruptedLeaseCounts,
  leaseExtensionLimit,
} from './delivery-policy';

const spec: SubscriptionSpec = {
  name: 'svc.thing-happened',
  topic: 'thing-happened',
  service: 'svc',
  ackDeadlineSeconds: 60,
  maxDeliveryAttempts: 5,
  minBackoffSeconds: 10,
  maxBackoffSeconds: 600,
  ordered: false,
};

describe('backoffMs', () => {
  it('when the first attempt failed, then the wait is the minimum backoff', () => {
    expect(backoffMs(spec, 1)).toBe(10_000);
  });

  it('when attempts keep failing, then the wait doubles each time', () => {
    expect([1, 2, 3, 4, 5].map((a) => backoffMs(spec, a))).toEqual([10_000, 20_000, 40_000, 80_000, 160_000]);
  });

  it('when doubling would pass the maximum, then the wait is capped at the maximum', () => {
    expect(backoffMs(spec, 7)).toBe(600_000);
    expect(backoffMs(spec, 50)).toBe(600_000);
  });

  it('when the attempt is zero or negative, then the wait is still the minimum', () => {
    expect(backoffMs(spec, 0)).toBe(10_000);
    expect(backoffMs(spec, -3)).toBe(10_000);
  });

  it('when the minimum exceeds the maximum, then the maximum wins', () => {
    expect(backoffMs({ minBackoffSeconds: 30, maxBackoffSeconds: 5 }, 1)).toBe(5_000);
  });
});

describe('deadLetterAttributes', () => {
  const input = {
    spec,
    messageId: 'm-1',
    topic: 'thing-happened',
    attempts: 5,
    kind: 'exhausted' as const,
    reason: 'sharp exploded',
    orderingKey: 'image-7',
  };

  it('when a message is dead-lettered, then it carries subscription, topic, id, attempts, kind and reason', () => {
    expect(deadLetterAttributes(input)).toEqual({
      [DEAD_LETTER.subscription]: 'svc.thing-happened',
      [DEAD_LETTER.topic]: 'thing-happened',
      [DEAD_LETTER.messageId]: 'm-1',
      [DEAD_LETTER.attempts]: '5',
      [DEAD_LETTER.kind]: 'exhausted',
      [DEAD_LETTER.reason]: 'sharp exploded',
      [DEAD_LETTER.orderingKey]: 'image-7',
    });
  });

  it('when the message had no ordering key, then the attribute is absent rather than empty', () => {
    const attrs = deadLetterAttributes({ ...input, orderingKey: null, kind: 'rejected' });

    expect(attrs).not.toHaveProperty(DEAD_LETTER.orderingKey);
    expect(attrs[DEAD_LETTER.kind]).toBe('rejected');
  });

  it('when the reason is long, then it is cut to 1000 characters to fit a Pub/Sub attribute', () => {
    const attrs = deadLetterAttributes({ ...input, reason: 'x'.repeat(5000) });

    expect(attrs[DEAD_LETTER.reason]).toHaveLength(1000);
  });

  it('when reading the attribute names, then they are namespaced under deadLetter.', () => {
    for (const name of Object.values(DEAD_LETTER)) expect(name).toMatch(/^deadLetter\./);
  });
});

describe('interruptedLeaseCounts', () => {
  it('when a lease ran out under the incarnation that took it, then it counts as an attempt', () => {
    expect(interruptedLeaseCounts({ owner: 'run-2' }, 'run-2')).toBe(true);
  });

  it('when a lease was held by an earlier incarnation or by no one known, then it does not count', () => {
    expect(interruptedLeaseCounts({ owner: 'run-1' }, 'run-2')).toBe(false);
    expect(interruptedLeaseCounts({ owner: null }, 'run-2')).toBe(false);
  });
});

describe('extendedLeaseUntil', () => {
  const lease = { receivedAt: 1_000, deadlineMs: 300_000 };
  const hour = 3_600_000;

  it('when a handler is still running, then its lease runs a full ack deadline from now', () => {
    expect(extendedLeaseUntil(lease, hour, 151_000)).toBe(451_000);
  });

  it('when the extension would pass the maximum, then the lease ends at the maximum after the handler started', () => {
    expect(extendedLeaseUntil(lease, hour, 3_500_000)).toBe(1_000 + hour);
    expect(leaseExtensionLimit(lease, hour)).toBe(1_000 + hour);
  });

  it('when the maximum is shorter than the ack deadline, then the lease still lasts one ack deadline', () => {
    expect(extendedLeaseUntil(lease, 10_000, 2_000)).toBe(301_000);
  });
});

import { describe, expect, it } from 'vitest';
import { describePlan, planChannels, retryDelayMs, type PlanInput } from './delivery-plan';

const now = new Date('2025-06-01T03:00:00Z'); // 12:00 in Tokyo
const HOUR = 3_600_000;
const DAY = 24 * HOUR;

const input = (overrides: Partial<PlanInput> = {}): PlanInput => ({
  now,
  preferences: { channels: { push: true, email: true, sms: true }, quietHours: null, timeZone: 'Asia/Tokyo' },
  unreachable: {},
  sentInWindow: { push: 0, email: 0, sms: 0 },
  limits: {
    push: { max: 10, windowMs: HOUR },
    email: { max: 5, windowMs: DAY },
    sms: { max: 3, windowMs: DAY },
  },
  emailDelayMs: 600_000,
  read: false,
  ...overrides,
});

const byChannel = (overrides: Partial<PlanInput> = {}) =>
  Object.fromEntries(planChannels(input(overrides)).map((p) => [p.channel, p]));

describe('planChannels: which channels carry a notification, and when', () => {
  it('when every channel is on and reachable, then in-app is shown, push and SMS go now, e-mail after the unread delay', () => {
    expect(planChannels(input())).toEqual([
      { channel: 'in-app', action: 'shown' },
      { channel: 'push', action: 'send', at: now, note: null },
      { channel: 'email', action: 'send', at: new Date(now.getTime() + 600_000), note: 'if still unread' },
      { channel: 'sms', action: 'send', at: now, note: null },
    ]);
  });

  it('when the recipient turned channels off, then those are skipped and in-app is still shown', () => {
    const plan = byChannel({
      preferences: { channels: { push: false, email: true, sms: false }, quietHours: null, timeZone: 'UTC' },
    });
    expect(plan['in-app']).toEqual({ channel: 'in-app', action: 'shown' });
    expect(plan.push).toEqual({ channel: 'push', action: 'skip', reason: 'turned off by the recipient' });
    expect(plan.sms).toMatchObject({ action: 'skip', reason: 'turned off by the recipient' });
    expect(plan.email).toMatchObject({ action: 'send' });
  });

  it('when a channel cannot reach the recipient, then it is skipped with the reason', () => {
    const plan = byChannel({ unreachable: { push: 'no push subscription', sms: 'no phone number' } });
    expect(plan.push).toMatchObject({ action: 'skip', reason: 'no push subscription' });
    expect(plan.sms).toMatchObject({ action: 'skip', reason: 'no phone number' });
    expect(plan.email).toMatchObject({ action: 'send' });
  });

  it('when a rate limit is reached, then that channel is skipped; one below the limit still sends', () => {
    const plan = byChannel({ sentInWindow: { push: 10, email: 4, sms: 3 } });
    expect(plan.push).toMatchObject({ action: 'skip', reason: 'rate limit: 10 per 1 h' });
    expect(plan.sms).toMatchObject({ action: 'skip', reason: 'rate limit: 3 per 1 d' });
    expect(plan.email).toMatchObject({ action: 'send' });
  });

  it('when a limit is 0, then the channel never sends', () => {
    const limits = {
      push: { max: 0, windowMs: HOUR },
      email: { max: 0, windowMs: DAY },
      sms: { max: 0, windowMs: DAY },
    };
    expect(planChannels(input({ limits })).filter((p) => p.action === 'send')).toEqual([]);
  });

  it('when it is quiet hours in the recipient time zone, then push, SMS and e-mail all wait for the end', () => {
    // 03:00 UTC is 12:00 in Tokyo: lunch-time quiet hours 11:30-13:00 Tokyo end at 04:00 UTC.
    const preferences = {
      channels: { push: true, email: true, sms: true },
      quietHours: { start: '11:30', end: '13:00' },
      timeZone: 'Asia/Tokyo',
    };
    const plan = byChannel({ preferences });
    const end = new Date('2025-06-01T04:00:00Z');
    expect(plan.push).toEqual({ channel: 'push', action: 'send', at: end, note: 'quiet hours until 13:00' });
    expect(plan.sms).toEqual({ channel: 'sms', action: 'send', at: end, note: 'quiet hours until 13:00' });
    expect(plan.email).toEqual({
      channel: 'email',
      action: 'send',
      at: end,
      note: 'if still unread; quiet hours until 13:00',
    });
  });

  it('when quiet hours start within the e-mail delay, then e-mail waits for their end; push goes now', () => {
    // 12:00 Tokyo now; e-mail would be due at 12:10, inside quiet hours 12:05-12:30 Tokyo (03:30 UTC).
    const preferences = {
      channels: { push: true, email: true, sms: true },
      quietHours: { start: '12:05', end: '12:30' },
      timeZone: 'Asia/Tokyo',
    };
    const plan = byChannel({ preferences });
    expect(plan.push).toMatchObject({ action: 'send', at: now });
    expect(plan.email).toMatchObject({ action: 'send', at: new Date('2025-06-01T03:30:00Z') });
  });

  it('when quiet hours end before the e-mail delay does, then e-mail goes after its delay as usual', () => {
    const preferences = {
      channels: { push: true, email: true, sms: true },
      quietHours: { start: '11:30', end: '12:05' },
      timeZone: 'Asia/Tokyo',
    };
    expect(byChannel({ preferences }).email).toEqual({
      channel: 'email',
      action: 'send',
      at: new Date(now.getTime() + 600_000),
      note: 'if still unread',
    });
  });

  it('when the same quiet hours are in another time zone where it is not quiet now, then nothing waits', () => {
    const preferences = {
      channels: { push: true, email: true, sms: true },
      quietHours: { start: '11:30', end: '13:00' },
      timeZone: 'UTC',
    };
    expect(byChannel({ preferences }).push).toMatchObject({ action: 'send', at: now });
  });

  it('when the in-app item was already read, then no external channel goes out', () => {
    expect(planChannels(input({ read: true })).filter((p) => p.action !== 'skip')).toEqual([
      { channel: 'in-app', action: 'shown' },
    ]);
    expect(byChannel({ read: true }).email).toMatchObject({ reason: 'already read in the app' });
  });

  it('when a channel is both off and unreachable, then the recipient choice is the reason given', () => {
    const plan = byChannel({
      preferences: { channels: { push: false, email: true, sms: true }, quietHours: null, timeZone: 'UTC' },
      unreachable: { push: 'no push subscription' },
    });
    expect(plan.push).toMatchObject({ reason: 'turned off by the recipient' });
  });

  it('when a plan is described, then one line names each channel with its delay or reason', () => {
    const plan = planChannels(input({ unreachable: { sms: 'no phone number' } }));
    expect(describePlan(plan, now)).toBe(
      'push now; email +600s (if still unread); sms skipped (no phone number)',
    );
  });
});

describe('retryDelayMs', () => {
  it('when attempts go on, then the delay doubles from the minimum and stops at the maximum', () => {
    const backoff = { minMs: 10_000, maxMs: 60_000 };
    expect([1, 2, 3, 4, 5].map((n) => retryDelayMs(n, backoff))).toEqual([
      10_000, 20_000, 40_000, 60_000, 60_000,
    ]);
  });
});

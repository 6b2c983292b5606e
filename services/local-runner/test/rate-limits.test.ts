import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startHarness, type Harness } from './harness';
import { createParticipant, expectError, json, ManualClock, type CreatedParticipant } from './support';

/** The backend's per-caller limits through real HTTP, with each limit at 2 a minute. */
describe('backend rate limits', () => {
  const clock = new ManualClock();
  let h: Harness;
  let operator: string;
  let alice: CreatedParticipant;
  let bob: CreatedParticipant;

  beforeAll(async () => {
    // The limits count in one-minute windows: start one second into a window, so no test straddles two.
    clock.advance(1 - (Date.now() % 60_000) / 1000);
    h = await startHarness({
      clock,
      env: {
        SELF_REGISTRATION: 'true',
        RATE_REGISTER_PER_MINUTE: '2',
        RATE_CHECKIN_PER_MINUTE: '2',
        RATE_IMAGE_URLS_PER_MINUTE: '2',
        RATE_LIKES_PER_MINUTE: '2',
        RATE_UPLOADS_PER_MINUTE: '2',
        RATE_UPLOADS_PER_ADDRESS_PER_MINUTE: '2',
      },
    });
    operator = await h.token('operator');
    alice = await createParticipant(h, operator, 'Alice');
    bob = await createParticipant(h, operator, 'Bob');
  });
  afterAll(() => h.stop());

  /** Two calls pass with what remains, the third is 429 RATE.LIMITED with Retry-After. */
  async function expectLimitedOnThird(call: () => Promise<Response>, passStatus: number) {
    const first = await call();
    expect(first.status).toBe(passStatus);
    expect(first.headers.get('ratelimit-limit')).toBe('2');
    expect(first.headers.get('ratelimit-remaining')).toBe('1');
    expect((await call()).status).toBe(passStatus);
    const refused = await call();
    const retryAfter = Number(refused.headers.get('retry-after'));
    const error = await expectError(refused, 429, 'RATE.LIMITED');
    expect(retryAfter).toBeGreaterThan(0);
    expect(retryAfter).toBeLessThanOrEqual(60);
    expect(error.details).toEqual({ retryAfterSeconds: retryAfter });
  }

  it('when one address self-registers past its limit, then 429 RATE.LIMITED with Retry-After', async () => {
    const register = () =>
      h.api('/participants/register', { method: 'POST', ...json({ displayName: 'Walk-in' }) });
    await expectLimitedOnThird(register, 201);
  });

  it('when one staff member checks in past the limit, then 429, while another staff member still scans', async () => {
    const scan = (token: string) =>
      h.api('/checkin', { method: 'POST', token, ...json({ qr: alice.qrPayload }) });
    const first = await h.system.idp.accessToken({
      role: 'staff',
      subject: 'test|staff-a',
      audience: h.system.audience,
    });
    const second = await h.system.idp.accessToken({
      role: 'staff',
      subject: 'test|staff-b',
      audience: h.system.audience,
    });
    await expectLimitedOnThird(() => scan(first), 200);
    const other = await scan(second);
    expect(other.status).toBe(200);
    expect(other.headers.get('ratelimit-remaining')).toBe('1');
  });

  it('when a caller without a token calls a limited route, then 401 before anything is counted', async () => {
    await expectError(
      await h.api('/checkin', { method: 'POST', ...json({ qr: alice.qrPayload }) }),
      401,
      'AUTH.UNAUTHENTICATED',
    );
  });

  it('when a participant asks for one-time URLs past the limit, then 429, and another participant is not held back', async () => {
    const issue = (p: CreatedParticipant) =>
      h.api(`/images/${p.participant.photoImageId}/url`, { method: 'POST', token: p.participantToken });
    await expectLimitedOnThird(() => issue(alice), 404);
    expect((await issue(bob)).status).toBe(404);
  });

  it('when a participant likes past the limit, then 429; once the window ends, likes pass again', async () => {
    const like = () =>
      h.api('/likes', {
        method: 'POST',
        token: bob.participantToken,
        ...json({ imageId: bob.participant.photoImageId }),
      });
    await expectLimitedOnThird(like, 404);
    clock.advance(60);
    expect((await like()).status).toBe(404);
  });

  describe('uploads', () => {
    // The app trusts X-Forwarded-For (Cloud Run's front end sets it): each call names the address it comes from.
    let nextAddress = 1;
    const fromNewAddress = () => ({ 'x-forwarded-for': `198.51.100.${nextAddress++}` });
    const staffToken = (subject: string) =>
      h.system.idp.accessToken({ role: 'staff', subject, audience: h.system.audience });
    const putPhoto = (token: string, headers: Record<string, string>) =>
      h.api(`/participants/${alice.participant.visitorId}/photo`, {
        method: 'PUT',
        token,
        headers: { ...headers, 'content-type': 'text/plain' },
        body: 'not an image',
      });

    it('when one staff member uploads photos past the limit from any address, then 429, while another still uploads', async () => {
      const first = await staffToken('test|photographer-a');
      const second = await staffToken('test|photographer-b');
      await expectLimitedOnThird(() => putPhoto(first, fromNewAddress()), 415);
      const other = await putPhoto(second, fromNewAddress());
      expect(other.status).toBe(415);
      expect(other.headers.get('ratelimit-remaining')).toBe('1');
    });

    it('when one address sends uploads past its limit, then 429 before any token is checked', async () => {
      const address = fromNewAddress();
      const anonymous = () => h.api('/images', { method: 'POST', headers: address, body: 'x' });
      await expectLimitedOnThird(anonymous, 401);
      const someoneElse = await h.api('/images', { method: 'POST', headers: fromNewAddress(), body: 'x' });
      expect(someoneElse.status).toBe(401);
    });

    it('when a participant asks for upload targets past the limit, then 429, and another participant is not held back', async () => {
      const ask = (p: CreatedParticipant) =>
        h.api('/uploads', {
          method: 'POST',
          token: p.participantToken,
          headers: { ...fromNewAddress(), 'content-type': 'application/json' },
          body: '{}',
        });
      await expectLimitedOnThird(() => ask(alice), 400);
      expect((await ask(bob)).status).toBe(400);
    });

    it('when an operator sends event images past the limit, then 429 with what the document says', async () => {
      const send = () =>
        h.api('/images', {
          method: 'POST',
          token: operator,
          headers: { ...fromNewAddress(), 'content-type': 'text/plain' },
          body: 'x',
        });
      await expectLimitedOnThird(send, 415);
    });
  });
});

import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { MODES, startHarness, type Harness } from './harness';
import { createParticipant, expectError, json, ManualClock } from './support';

const TTL_SECONDS = 120;

interface QrAnswer {
  qrPayload: string;
  expiresAt: string;
}

/** A participant's own check-in code (`GET /me/qr`), through real HTTP, checked in by staff with `POST /checkin`. */
describe.each(MODES)('my check-in code (%s)', (mode) => {
  const clock = new ManualClock();
  let h: Harness;
  let operator: string;
  let staff: string;

  beforeAll(async () => {
    h = await startHarness({
      mode,
      clock,
      env: { SELF_REGISTRATION: 'true', QR_TTL_SECONDS: String(TTL_SECONDS) },
    });
    operator = await h.token('operator');
    staff = await h.token('staff');
  });
  afterAll(() => h.stop());

  const myQr = async (token: string): Promise<QrAnswer> => {
    const res = await h.api('/me/qr', { token });
    expect(res.status).toBe(200);
    expect(res.headers.get('cache-control')).toBe('private, no-store');
    return (await res.json()) as QrAnswer;
  };
  const checkIn = (qr: string) => h.api('/checkin', { method: 'POST', token: staff, ...json({ qr }) });
  const checkedIn = async (qr: string): Promise<string> => {
    const res = await checkIn(qr);
    expect(res.status).toBe(200);
    return ((await res.json()) as { participant: { visitorId: string } }).participant.visitorId;
  };

  it('when a participant who joined by an operator’s link asks, then a payload valid for the TTL checks them in', async () => {
    const { participant, participantToken } = await createParticipant(h, operator, 'Aiko');
    const before = clock.now().getTime();
    const code = await myQr(participantToken);
    expect(code.qrPayload).toMatch(new RegExp(`^PQR1\\.${participant.visitorId}\\.`));
    const expiresAt = Date.parse(code.expiresAt);
    expect(expiresAt).toBeGreaterThan(before + (TTL_SECONDS - 2) * 1000);
    expect(expiresAt).toBeLessThanOrEqual(clock.now().getTime() + TTL_SECONDS * 1000);
    expect(await checkedIn(code.qrPayload)).toBe(participant.visitorId);
  });

  it('when the code from registration has expired, then a fresh one from /me/qr checks them in', async () => {
    const res = await h.api('/participants/register', { method: 'POST', ...json({ displayName: 'Ben' }) });
    expect(res.status).toBe(201);
    const registered = (await res.json()) as {
      participant: { visitorId: string };
      participantToken: string;
      qrPayload: string;
    };
    clock.advance(TTL_SECONDS + 1);
    await expectError(await checkIn(registered.qrPayload), 400, 'QR.EXPIRED');
    const fresh = await myQr(registered.participantToken);
    expect(fresh.qrPayload).not.toBe(registered.qrPayload);
    expect(Date.parse(fresh.expiresAt)).toBeGreaterThan(clock.now().getTime());
    expect(await checkedIn(fresh.qrPayload)).toBe(registered.participant.visitorId);
  });

  it('when an operator reprints the code, then the answer has the same shape, expiry included', async () => {
    const { participant, participantToken } = await createParticipant(h, operator, 'Chie');
    const res = await h.api(`/participants/${participant.visitorId}/qr`, { token: operator });
    expect(res.status).toBe(200);
    const reprint = (await res.json()) as QrAnswer;
    expect(Object.keys(reprint).sort()).toEqual(Object.keys(await myQr(participantToken)).sort());
    expect(await checkedIn(reprint.qrPayload)).toBe(participant.visitorId);
  });

  it('when the token was revoked or rotated, then 401 with the reason, and no code', async () => {
    const revoked = await createParticipant(h, operator, 'Dai');
    const path = `/participants/${revoked.participant.visitorId}/token`;
    expect((await h.api(path, { method: 'DELETE', token: operator })).status).toBe(204);
    await expectError(await h.api('/me/qr', { token: revoked.participantToken }), 401, 'AUTH.TOKEN_REVOKED');

    const rotated = await createParticipant(h, operator, 'Emi');
    const renewed = await h.api('/me/token', { method: 'POST', token: rotated.participantToken });
    expect(renewed.status).toBe(200);
    await expectError(await h.api('/me/qr', { token: rotated.participantToken }), 401, 'AUTH.TOKEN_ROTATED');
    const { participantToken } = (await renewed.json()) as { participantToken: string };
    expect(await checkedIn((await myQr(participantToken)).qrPayload)).toBe(rotated.participant.visitorId);
  });

  it('when there is no participant token, then 401; staff or operators are 403', async () => {
    await expectError(await h.api('/me/qr'), 401, 'AUTH.UNAUTHENTICATED');
    await expectError(await h.api('/me/qr', { token: staff }), 403, 'AUTH.FORBIDDEN');
    await expectError(await h.api('/me/qr', { token: operator }), 403, 'AUTH.FORBIDDEN');
  });
});

import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { newVisitorId } from '@photo/shared/domain/ids';
import { MODES, startHarness, type Harness } from './harness';
import { createParticipant, expectError } from './support';

/** Participant tokens rotated by their participant or an operator, revoked by an operator, through real HTTP. */
describe.each(MODES)('participant tokens (%s)', (mode) => {
  let h: Harness;
  let operator: string;

  beforeAll(async () => {
    h = await startHarness({ mode });
    operator = await h.token('operator');
  });
  afterAll(() => h.stop());

  const me = (token: string) => h.api('/me', { token });
  const tokenOf = async (res: Response) => {
    expect(res.status).toBe(200);
    expect(res.headers.get('cache-control')).toBe('no-store');
    return ((await res.json()) as { participantToken: string }).participantToken;
  };

  it('when a participant rotates their token, then the new one works and the old one is 401 AUTH.TOKEN_ROTATED', async () => {
    const { participantToken: old } = await createParticipant(h, operator, 'Aiko');
    const fresh = await tokenOf(await h.api('/me/token', { method: 'POST', token: old }));
    expect(fresh).not.toBe(old);
    expect((await me(fresh)).status).toBe(200);
    await expectError(await me(old), 401, 'AUTH.TOKEN_ROTATED');
  });

  it('when an operator rotates a participant’s token, then the old one is 401 AUTH.TOKEN_ROTATED', async () => {
    const { participant, participantToken: old } = await createParticipant(h, operator, 'Ben');
    const fresh = await tokenOf(
      await h.api(`/participants/${participant.visitorId}/token`, { method: 'POST', token: operator }),
    );
    expect((await me(fresh)).status).toBe(200);
    await expectError(await me(old), 401, 'AUTH.TOKEN_ROTATED');
  });

  it('when an operator revokes a token, then it is 401 AUTH.TOKEN_REVOKED until a new one is issued', async () => {
    const { participant, participantToken: old } = await createParticipant(h, operator, 'Chie');
    const path = `/participants/${participant.visitorId}/token`;
    expect((await h.api(path, { method: 'DELETE', token: operator })).status).toBe(204);
    await expectError(await me(old), 401, 'AUTH.TOKEN_REVOKED');
    const fresh = await tokenOf(await h.api(path, { method: 'POST', token: operator }));
    expect((await me(fresh)).status).toBe(200);
    await expectError(await me(old), 401, 'AUTH.TOKEN_REVOKED');
  });

  it('when staff or an unknown participant are involved, then 403 and 404', async () => {
    const { participant } = await createParticipant(h, operator, 'Dai');
    const staff = await h.token('staff');
    const path = `/participants/${participant.visitorId}/token`;
    await expectError(await h.api(path, { method: 'DELETE', token: staff }), 403, 'AUTH.FORBIDDEN');
    await expectError(
      await h.api(`/participants/${newVisitorId()}/token`, { method: 'DELETE', token: operator }),
      404,
      'PARTICIPANT.NOT_FOUND',
    );
  });

  it('when a token was never issued, then it is still plain 401 AUTH.UNAUTHENTICATED', async () => {
    await expectError(await me(`pt_${'x'.repeat(43)}`), 401, 'AUTH.UNAUTHENTICATED');
  });
});

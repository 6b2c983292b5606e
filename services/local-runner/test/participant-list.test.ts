import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { noisyJpeg } from '@photo/shared/testing/images';
import { startHarness, type Harness } from './harness';
import { expectError, json, putPhoto } from './support';

interface Listed {
  visitorId: string;
  displayName: string;
  externalRef: string | null;
  status: { state: string };
  qrPayload: string;
}

describe('listing, searching and previewing participants, through real HTTP', () => {
  let h: Harness;
  let operator: string;
  let staff: string;

  beforeAll(async () => {
    h = await startHarness();
    operator = await h.token('operator');
    staff = await h.token('staff');
    const res = await h.api('/participants/import', {
      method: 'POST',
      token: operator,
      headers: { 'content-type': 'text/csv' },
      body: 'displayName,externalRef\nHana Sato,L-001\nKen Suzuki,L-002\nHanako Ito,L-003\n',
    });
    expect(res.status).toBe(201);
    const { created } = (await res.json()) as { created: { participant: { visitorId: string } }[] };
    expect(
      (await putPhoto(h, staff, created[1]!.participant.visitorId, await noisyJpeg(64, 64))).status,
    ).toBe(201);
  });
  afterAll(() => h.stop());

  const list = async (query: string) => {
    const res = await h.api(`/participants?${query}`, { token: operator });
    expect(res.status).toBe(200);
    return ((await res.json()) as { items: Listed[]; next: string | null }).items;
  };

  it('when searching by part of a name or external ref, then only the matches, any case', async () => {
    expect((await list('q=hana')).map((p) => p.displayName).sort()).toEqual(['Hana Sato', 'Hanako Ito']);
    expect((await list('q=l-002')).map((p) => p.displayName)).toEqual(['Ken Suzuki']);
  });

  it('when filtering by photographed, then those with a photo, or those without', async () => {
    expect((await list('photographed=true')).map((p) => p.displayName)).toEqual(['Ken Suzuki']);
    expect((await list('photographed=false&q=hana')).map((p) => p.status.state)).toEqual([
      'not-photographed',
      'not-photographed',
    ]);
  });

  it('when ordered oldest first, then the reverse of newest first', async () => {
    const newest = await list('order=newest');
    expect(await list('order=oldest')).toEqual([...newest].reverse());
  });

  it('when listed, then each has a QR payload that checks in that participant', async () => {
    const [first] = await list('q=L-003');
    const res = await h.api('/checkin', { method: 'POST', token: staff, ...json({ qr: first!.qrPayload }) });
    expect(res.status).toBe(200);
    expect(((await res.json()) as { participant: { visitorId: string } }).participant.visitorId).toBe(
      first!.visitorId,
    );
  });

  it('when an import is previewed, then its rows come back as they would be stored, and nothing is stored', async () => {
    const before = (await list('limit=200')).length;
    const res = await h.api('/participants/import/preview', {
      method: 'POST',
      token: operator,
      headers: { 'content-type': 'text/csv' },
      body: 'displayName,email,externalRef\n  Mai Mori ,mai@example.com,P-1\nJo,,\n',
    });
    expect(res.status).toBe(200);
    expect(await res.json()).toEqual({
      rows: [
        { displayName: 'Mai Mori', email: 'mai@example.com', externalRef: 'P-1' },
        { displayName: 'Jo', email: null, externalRef: null },
      ],
    });
    expect((await list('limit=200')).length).toBe(before);
  });

  it('when a previewed import has a bad row, then IMPORT.INVALID names it; staff may not preview', async () => {
    const bad = await h.api('/participants/import/preview', {
      method: 'POST',
      token: operator,
      ...json({ participants: [{ displayName: 'Fine' }, { displayName: 'Bad', email: 'nope' }] }),
    });
    const error = await expectError(bad, 400, 'IMPORT.INVALID');
    expect((error.details as { issues: { row: number }[] }).issues.map((i) => i.row)).toEqual([2]);
    const forbidden = await h.api('/participants/import/preview', {
      method: 'POST',
      token: staff,
      ...json({ participants: [{ displayName: 'Fine' }] }),
    });
    await expectError(forbidden, 403, 'AUTH.FORBIDDEN');
  });
});

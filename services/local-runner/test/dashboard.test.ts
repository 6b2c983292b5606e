import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { newDeadLetter } from '@photo/shared/ports/contracts/dead-letter-repository.contract';
import { noisyJpeg } from '@photo/shared/testing/images';
import { MODES, startHarness, type Harness } from './harness';
import { createParticipant, expectError, putPhoto } from './support';

interface Dashboard {
  participants: { total: number; photographed: number };
  photosLast10Minutes: number;
  images: { event: Record<string, number>; participantPhoto: Record<string, number> };
  deadLettersWaiting: number;
  photosOverTime: { from: string; widthMinutes: number; counts: number[] } | null;
}

const sum = (counts: Record<string, number>) => Object.values(counts).reduce((a, b) => a + b, 0);

/** GET /admin/dashboard through real HTTP, in both modes: the counts follow what happens, the ETag saves polls. */
describe.each(MODES)('event dashboard (%s)', (mode) => {
  let h: Harness;
  let operator: string;

  beforeAll(async () => {
    h = await startHarness({ mode });
    operator = await h.token('operator');
  });
  afterAll(() => h.stop());

  const read = async (etag?: string) =>
    h.api('/admin/dashboard', { token: operator, headers: etag ? { 'If-None-Match': etag } : {} });
  const dashboard = async () => (await (await read()).json()) as Dashboard;

  it('when the event has not started, then everything counts 0 and there is no chart yet', async () => {
    expect(await dashboard()).toEqual({
      participants: { total: 0, photographed: 0 },
      photosLast10Minutes: 0,
      images: { event: expect.any(Object), participantPhoto: expect.any(Object) },
      deadLettersWaiting: 0,
      photosOverTime: null,
    });
  });

  it('when participants are photographed and re-shot, then totals, recent photos and the chart count them', async () => {
    const staff = await h.token('staff');
    const [a] = await Promise.all([
      createParticipant(h, operator, 'Aiko'),
      createParticipant(h, operator, 'Ben'),
    ]);
    const visitorId = a.participant.visitorId;
    expect((await putPhoto(h, staff, visitorId, await noisyJpeg(64, 48, 1))).status).toBe(201);
    const again = await putPhoto(h, staff, visitorId, await noisyJpeg(64, 48, 2), { expectedVersion: 1 });
    expect(again.status).toBe(201);
    await h.settle();
    const d = await dashboard();
    expect(d.participants).toEqual({ total: 2, photographed: 1 });
    expect(d.photosLast10Minutes).toBe(2);
    expect(sum(d.images.participantPhoto)).toBe(1);
    expect(d.images.participantPhoto.empty).toBe(0);
    expect(d.photosOverTime?.widthMinutes).toBe(1);
    expect(d.photosOverTime?.counts.reduce((x, y) => x + y, 0)).toBe(2);
  });

  it('when nothing changed, then the ETag answers 304; a new dead letter changes it until replayed', async () => {
    const first = await read();
    const etag = first.headers.get('etag')!;
    expect(etag).toMatch(/^"d\./);
    expect((await read(etag)).status).toBe(304);
    const letter = await h.system.adapters.deadLetters.record(newDeadLetter());
    const changed = await read(etag);
    expect(changed.status).toBe(200);
    expect(((await changed.json()) as Dashboard).deadLettersWaiting).toBe(1);
    const replay = await h.api(`/admin/dead-letters/${letter.id}/replay`, {
      method: 'POST',
      token: operator,
    });
    expect(replay.status).toBe(202);
    await h.settle();
    // The replayed message may die again (it names no real image): a new letter; the replayed one waits no more.
    const listed = await h.api('/admin/dead-letters?limit=100', { token: operator });
    const { items } = (await listed.json()) as { items: { id: string; replayedAt: string | null }[] };
    expect(items.find((l) => l.id === letter.id)?.replayedAt).not.toBeNull();
    expect((await dashboard()).deadLettersWaiting).toBe(items.filter((l) => l.replayedAt === null).length);
  });

  it('when a staff token asks, then 403 AUTH.FORBIDDEN: the dashboard is for operators', async () => {
    await expectError(
      await h.api('/admin/dashboard', { token: await h.token('staff') }),
      403,
      'AUTH.FORBIDDEN',
    );
  });
});

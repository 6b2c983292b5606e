import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { newDeadLetter } from '@photo/shared/ports/contracts/dead-letter-repository.contract';
import { noisyJpeg } from '@photo/shared/testing/images';
import { MODES, startHarness, type Harness } from './harness';
import { createParticipant, expectError, json, putPhoto } from './support';

interface Entry {
  actor: string;
  action: string;
  target: string | null;
  requestId: string | null;
  details: Record<string, unknown>;
  at: string;
}

/** Who did what, through real HTTP: each state-changing action is read back from GET /admin/audit. */
describe.each(MODES)('audit log (%s)', (mode) => {
  let h: Harness;
  let operator: string;
  let staff: string;

  beforeAll(async () => {
    h = await startHarness({ mode });
    operator = await h.token('operator');
    staff = await h.token('staff');
  });
  afterAll(() => h.stop());

  /** Every entry, newest first, read a page of 2 at a time. */
  async function readAll(): Promise<Entry[]> {
    const all: Entry[] = [];
    let after: string | null = null;
    do {
      const query: string = after ? `&after=${encodeURIComponent(after)}` : '';
      const res = await h.api(`/admin/audit?limit=2${query}`, { token: operator });
      expect(res.status).toBe(200);
      const page = (await res.json()) as { items: Entry[]; next: string | null };
      expect(page.items.length).toBeLessThanOrEqual(2);
      all.push(...page.items);
      after = page.next;
    } while (after !== null);
    return all;
  }

  it('when operators and staff change things, then each change is listed newest first with who, what and the request id', async () => {
    const imported = await h.api('/participants/import', {
      method: 'POST',
      token: operator,
      ...json({ participants: [{ displayName: 'Aiko' }, { displayName: 'Ben' }] }),
    });
    expect(imported.status).toBe(201);
    const alice = await createParticipant(h, operator, 'Alice');
    const visitorId = alice.participant.visitorId;
    expect((await putPhoto(h, staff, visitorId, await noisyJpeg(64, 48, 1))).status).toBe(201);
    const overwrite = await putPhoto(h, staff, visitorId, await noisyJpeg(64, 48, 2), { expectedVersion: 1 });
    expect(overwrite.status).toBe(201);
    const rotated = await h.api(`/participants/${visitorId}/token`, { method: 'POST', token: operator });
    expect(rotated.status).toBe(200);
    const { participantToken } = (await rotated.json()) as { participantToken: string };
    expect((await h.api('/me/token', { method: 'POST', token: participantToken })).status).toBe(200);
    expect(
      (await h.api(`/participants/${visitorId}/token`, { method: 'DELETE', token: operator })).status,
    ).toBe(204);
    const letter = await h.system.adapters.deadLetters.record(newDeadLetter());
    expect(
      (await h.api(`/admin/dead-letters/${letter.id}/replay`, { method: 'POST', token: operator })).status,
    ).toBe(202);

    const entries = await readAll();
    expect(entries.map((e) => [e.action, e.actor, e.target])).toEqual([
      ['dead-letter.replayed', 'user:test|operator', letter.id],
      ['participant-token.revoked', 'user:test|operator', visitorId],
      ['participant-token.rotated', `participant:${visitorId}`, visitorId],
      ['participant-token.rotated', 'user:test|operator', visitorId],
      ['participant-photo.overwritten', 'user:test|staff', visitorId],
      ['participant-photo.uploaded', 'user:test|staff', visitorId],
      ['participant.created', 'user:test|operator', visitorId],
      ['participants.imported', 'user:test|operator', null],
    ]);
    expect(entries.at(-1)!.details).toEqual({ created: 2, existing: 0 });
    expect(entries.find((e) => e.action === 'participant-photo.overwritten')).toMatchObject({
      requestId: overwrite.headers.get('x-request-id'),
      details: { version: 2 },
    });
  });

  it('when operators create and upload, ask for generations and looks, and staff ask for an upload target, then each is recorded', async () => {
    const bob = await createParticipant(h, operator, 'Bob');
    const visitorId = bob.participant.visitorId;
    expect((await putPhoto(h, staff, visitorId, await noisyJpeg(64, 48, 3))).status).toBe(201);
    const sent = await h.api('/images', {
      method: 'POST',
      token: operator,
      headers: { 'content-type': 'image/jpeg' },
      body: new Uint8Array(await noisyJpeg(64, 48, 4)),
    });
    expect(sent.status).toBe(201);
    const [eventImage] = ((await sent.json()) as { images: { imageId: string }[] }).images;
    await h.settle();
    const read = await h.api(`/images/${eventImage!.imageId}`, { token: operator });
    const { palette } = (await read.json()) as { palette: { paletteId: string } | null };
    expect(palette).not.toBeNull();
    const generation = await h.api(`/images/${eventImage!.imageId}/generation`, {
      method: 'POST',
      token: operator,
      ...json({ paletteId: palette!.paletteId }),
    });
    expect(generation.status).toBe(202);
    const look = await h.api(`/participants/${visitorId}/looks`, {
      method: 'POST',
      token: operator,
      ...json({ paletteIds: [palette!.paletteId] }),
    });
    expect(look.status).toBe(202);
    const photo = await noisyJpeg(64, 48, 5);
    const target = await h.api('/uploads', {
      method: 'POST',
      token: staff,
      ...json({
        fileName: 'bob.jpg',
        contentType: 'image/jpeg',
        size: photo.length,
        purpose: 'participant-photo',
        visitorId,
        expectedVersion: 1,
      }),
    });
    expect(target.status).toBe(201);
    const { upload } = (await target.json()) as { upload: { intentId: string } };

    const entries = (await readAll()).slice(0, 6);
    expect(entries.map((e) => [e.action, e.actor, e.target])).toEqual([
      ['upload.requested', 'user:test|staff', upload.intentId],
      ['look.requested', 'user:test|operator', visitorId],
      ['generation.requested', 'user:test|operator', eventImage!.imageId],
      ['event-image.uploaded', 'user:test|operator', eventImage!.imageId],
      ['participant-photo.uploaded', 'user:test|staff', visitorId],
      ['participant.created', 'user:test|operator', visitorId],
    ]);
    expect(entries[0]!.requestId).toBe(target.headers.get('x-request-id'));
    expect(entries[1]!.details).toEqual({ palettes: 1 });
    expect(entries[2]!.details).toEqual({ paletteId: palette!.paletteId });
    expect(entries[3]!.details).toEqual({ version: 1 });
  });

  it('when staff ask for the audit log, then 403: it is for operators', async () => {
    await expectError(await h.api('/admin/audit', { token: staff }), 403, 'AUTH.FORBIDDEN');
  });
});

import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { blocksPng, noisyJpeg } from '@photo/shared/testing/images';
import { MODES, startHarness, type Harness } from './harness';

interface Detail {
  image: { status: string; servedVariant: string };
  palette: { paletteId: string } | null;
  statusHistory: { version: number; status: string; reason: string | null }[];
}

const json = (body: unknown) => ({
  headers: { 'content-type': 'application/json' },
  body: JSON.stringify(body),
});

describe.each(MODES)('automation of the colour chain (%s)', (mode) => {
  let h: Harness;
  let operator: string;
  let staff: string;

  beforeAll(async () => {
    h = await startHarness({ mode });
    operator = await h.token('operator');
    staff = await h.token('staff');
  });
  afterAll(() => h.stop());

  const detail = async (imageId: string) =>
    (await (await h.api(`/images/${imageId}`, { token: operator })).json()) as Detail;

  it('when nothing was saved, then everything is off; bad settings and unknown pinned palettes are refused; staff may not read them', async () => {
    const read = await h.api('/admin/automation', { token: operator });
    expect(read.status).toBe(200);
    expect(await read.json()).toEqual({
      autoGenerate: false,
      looks: { source: 'off', newest: 3, pinnedPaletteIds: [] },
      updatedAt: null,
      updatedBy: null,
    });
    const tooMany = await h.api('/admin/automation', {
      method: 'PUT',
      token: operator,
      ...json({ autoGenerate: true, looks: { source: 'newest', newest: 9, pinnedPaletteIds: [] } }),
    });
    expect(tooMany.status).toBe(400);
    expect(((await tooMany.json()) as { error: { code: string } }).error.code).toBe('REQUEST.INVALID');
    const unknown = await h.api('/admin/automation', {
      method: 'PUT',
      token: operator,
      ...json({
        autoGenerate: false,
        looks: { source: 'pinned', newest: 3, pinnedPaletteIds: [`pal_${'0'.repeat(24)}`] },
      }),
    });
    expect(unknown.status).toBe(404);
    expect(((await unknown.json()) as { error: { code: string } }).error.code).toBe('PALETTE.NOT_FOUND');
    expect((await h.api('/admin/automation', { token: staff })).status).toBe(403);
    expect(
      ((await (await h.api('/admin/automation', { token: operator })).json()) as { updatedAt: null })
        .updatedAt,
    ).toBeNull();
  });

  it('when automation is on, then an uploaded event image is generated and a staff photo gets a look on the participant feed, each once, with no operator call', async () => {
    const saved = await h.api('/admin/automation', {
      method: 'PUT',
      token: operator,
      ...json({ autoGenerate: true, looks: { source: 'newest', newest: 2, pinnedPaletteIds: [] } }),
    });
    expect(saved.status).toBe(200);
    expect(await saved.json()).toMatchObject({
      autoGenerate: true,
      updatedBy: expect.stringMatching(/^user:/),
    });

    const upload = await h.api('/images', {
      method: 'POST',
      token: operator,
      headers: { 'content-type': 'image/png' },
      body: new Uint8Array(
        await blocksPng(120, 80, [
          [200, 30, 30],
          [30, 150, 60],
          [30, 50, 190],
          [230, 210, 50],
        ]),
      ),
    });
    expect(upload.status).toBe(201);
    const eventImageId = ((await upload.json()) as { images: { imageId: string }[] }).images[0]!.imageId;
    await h.settle();
    const event = await detail(eventImageId);
    expect(event.image).toMatchObject({ status: 'generated', servedVariant: 'generated' });
    // One generation, asked for by the rule (a slow clustering may be delivered twice; the rule still asks once).
    expect(event.statusHistory.filter((s) => s.status === 'generating')).toEqual([
      expect.objectContaining({ version: 1, reason: 'automatic generation' }),
    ]);
    expect(event.statusHistory.at(-1)?.status).toBe('generated');
    const palettes = (await (await h.api('/palettes?limit=5', { token: staff })).json()) as {
      items: { paletteId: string }[];
    };
    expect(palettes.items[0]!.paletteId).toBe(event.palette!.paletteId);

    const created = (await (
      await h.api('/participants', { method: 'POST', token: operator, ...json({ displayName: 'Aoi' }) })
    ).json()) as { participant: { visitorId: string; photoImageId: string }; participantToken: string };
    const put = await h.api(`/participants/${created.participant.visitorId}/photo`, {
      method: 'PUT',
      token: staff,
      headers: { 'content-type': 'image/jpeg' },
      body: new Uint8Array(await noisyJpeg(160, 120, 3)),
    });
    expect(put.status).toBe(201);
    await h.settle();
    const poll = await h.api('/me/updates', { token: created.participantToken });
    const { updates } = (await poll.json()) as { updates: { imageId: string; variant: string }[] };
    const looks = updates.filter((u) => u.variant === 'processed');
    expect(looks).toHaveLength(1);
    const photo = await detail(created.participant.photoImageId);
    const notes = photo.statusHistory.filter((s) => s.reason?.startsWith('automatic look'));
    expect(notes).toEqual([
      expect.objectContaining({ version: 1, reason: `automatic look ${looks[0]!.imageId} from 1 palette` }),
    ]);

    const audit = (await (await h.api('/admin/audit', { token: operator })).json()) as {
      items: { action: string; details: Record<string, unknown> }[];
    };
    expect(audit.items).toContainEqual(
      expect.objectContaining({
        action: 'automation.updated',
        details: { autoGenerate: true, looks: 'newest', newest: 2, pinned: 0 },
      }),
    );
  });
});

import sharp from 'sharp';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { blocksPng, noisyJpeg } from '@photo/shared/testing/images';
import { MODES, startHarness, type Harness } from './harness';

interface ImageDetail {
  image: { imageId: string; status: string; servedVariant: string; currentVersion: number };
  palette: {
    paletteId: string;
    colours: { hex: string; rgb: [number, number, number]; share: number }[];
  } | null;
  statusHistory: { status: string }[];
}

describe.each(MODES)(
  'colour pipeline: upload → clustering → generation → a look for a visitor (%s)',
  (mode) => {
    let h: Harness;
    let operator: string;
    let eventImageId: string;
    let eventPaletteId: string;

    beforeAll(async () => {
      h = await startHarness({ mode });
      operator = await h.token('operator');
    });
    afterAll(() => h.stop());

    const detail = async (imageId: string) =>
      (await (await h.api(`/images/${imageId}`, { token: operator })).json()) as ImageDetail;
    const fetchServed = async (imageId: string, token = operator) => {
      const link = (await (await h.api(`/images/${imageId}/url`, { method: 'POST', token })).json()) as {
        url: string;
        variant: string;
      };
      const res = await h.fetch(link.url);
      expect(res.status).toBe(200);
      return {
        variant: link.variant,
        bytes: Buffer.from(await res.arrayBuffer()),
        contentType: res.headers.get('content-type'),
      };
    };

    it('when an operator uploads an image, then it is clustered and its URL serves only palette colours', async () => {
      const upload = await h.api('/images', {
        method: 'POST',
        token: operator,
        headers: { 'content-type': 'image/png' },
        body: new Uint8Array(
          await blocksPng(240, 160, [
            [220, 40, 40],
            [30, 160, 70],
            [40, 60, 200],
            [240, 220, 60],
          ]),
        ),
      });
      expect(upload.status).toBe(201);
      eventImageId = ((await upload.json()) as { images: { imageId: string }[] }).images[0]!.imageId;
      await h.settle();

      const d = await detail(eventImageId);
      expect(d.image).toMatchObject({ status: 'clustered', servedVariant: 'clustered' });
      expect(d.statusHistory.map((s) => s.status)).toEqual(['uploaded', 'clustering', 'clustered']);
      expect(d.palette).not.toBeNull();
      eventPaletteId = d.palette!.paletteId;
      const total = d.palette!.colours.reduce((a, c) => a + c.share, 0);
      expect(total).toBeCloseTo(1, 6);

      const served = await fetchServed(eventImageId);
      expect(served.variant).toBe('clustered');
      expect(served.contentType).toBe('image/png');
      const { data, info } = await sharp(served.bytes)
        .removeAlpha()
        .raw()
        .toBuffer({ resolveWithObject: true });
      expect([info.width, info.height]).toEqual([240, 160]);
      const palette = new Set(d.palette!.colours.map((c) => c.rgb.join(',')));
      const seen = new Set<string>();
      for (let i = 0; i < data.length; i += 3) seen.add(`${data[i]},${data[i + 1]},${data[i + 2]}`);
      for (const colour of seen) expect(palette.has(colour)).toBe(true);
    });

    it('when the operator asks for a generated artwork, then the image becomes generated and serves it', async () => {
      const res = await h.api(`/images/${eventImageId}/generation`, { method: 'POST', token: operator });
      expect(res.status).toBe(202);
      expect(await res.json()).toMatchObject({ paletteId: eventPaletteId, version: 1 });
      await h.settle();
      const d = await detail(eventImageId);
      expect(d.image).toMatchObject({ status: 'generated', servedVariant: 'generated' });
      // One `generating` per generation: set when it was asked for, not again by the worker.
      expect(d.statusHistory.map((s) => s.status)).toEqual([
        'uploaded',
        'clustering',
        'clustered',
        'generating',
        'generated',
      ]);
      const served = await fetchServed(eventImageId);
      expect(served.variant).toBe('generated');
      const meta = await sharp(served.bytes).metadata();
      expect([meta.format, meta.width, meta.height]).toEqual(['jpeg', 620, 877]);
    });

    it('when a look is requested for a visitor, then their poll shows it and their URL fetches it', async () => {
      const created = (await (
        await h.api('/participants', {
          method: 'POST',
          token: operator,
          headers: { 'content-type': 'application/json' },
          body: JSON.stringify({ displayName: 'Mika' }),
        })
      ).json()) as { participant: { visitorId: string; photoImageId: string }; participantToken: string };
      const staff = await h.token('staff');
      const put = await h.api(`/participants/${created.participant.visitorId}/photo`, {
        method: 'PUT',
        token: staff,
        headers: { 'content-type': 'image/jpeg' },
        body: new Uint8Array(await noisyJpeg(200, 150, 7)),
      });
      expect(put.status).toBe(201);
      await h.settle();

      const look = await h.api(`/participants/${created.participant.visitorId}/looks`, {
        method: 'POST',
        token: operator,
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ paletteIds: [eventPaletteId] }),
      });
      expect(look.status).toBe(202);
      const { lookImageId } = (await look.json()) as { lookImageId: string };
      await h.settle();

      const poll = await h.api('/me/updates', { token: created.participantToken });
      const { updates } = (await poll.json()) as { updates: { imageId: string; variant: string }[] };
      expect(updates).toContainEqual(expect.objectContaining({ imageId: lookImageId, variant: 'processed' }));
      const served = await fetchServed(lookImageId, created.participantToken);
      expect(served.variant).toBe('processed');
      const meta = await sharp(served.bytes).metadata();
      expect([meta.width, meta.height]).toEqual([200, 150]);

      // Asking again makes no second look.
      await h.api(`/participants/${created.participant.visitorId}/looks`, {
        method: 'POST',
        token: operator,
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ paletteIds: [eventPaletteId] }),
      });
      await h.settle();
      const again = (await (await h.api('/me/updates', { token: created.participantToken })).json()) as {
        updates: { imageId: string }[];
      };
      expect(again.updates.filter((u) => u.imageId === lookImageId)).toHaveLength(1);
    });
  },
);

import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { blocksPng, noisyJpeg } from '@photo/shared/testing/images';
import { MODES, startHarness, type Harness } from './harness';
import { createParticipant, json, putPhoto } from './support';

interface Detail {
  image: { status: string; currentVersion: number };
  palette: { paletteId: string; imageId: string; version: number; colours: unknown[] } | null;
}

/** Palette ids derive from the pixels: images with the same pixels share one palette, and each keeps it. */
describe.each(MODES)('identical pixels share their palette (%s)', (mode) => {
  let h: Harness;
  let operator: string;
  let staff: string;
  let pixels: Buffer;

  beforeAll(async () => {
    h = await startHarness({ mode });
    [operator, staff] = await Promise.all([h.token('operator'), h.token('staff')]);
    pixels = await blocksPng(180, 120, [
      [200, 40, 60],
      [30, 150, 90],
      [250, 210, 40],
    ]);
  });
  afterAll(() => h.stop());

  const detail = async (imageId: string) =>
    (await (await h.api(`/images/${imageId}`, { token: operator })).json()) as Detail;

  const uploadEvent = async (key: string) => {
    const res = await h.api('/images', {
      method: 'POST',
      token: operator,
      headers: { 'content-type': 'image/png', 'idempotency-key': key },
      body: new Uint8Array(pixels),
    });
    expect(res.status).toBe(201);
    return ((await res.json()) as { images: { imageId: string }[] }).images[0]!.imageId;
  };

  it('when the same image is uploaded under two keys, then both are clustered with one palette and both generate', async () => {
    const first = await uploadEvent('same-pixels-a');
    const second = await uploadEvent('same-pixels-b');
    expect(second).not.toBe(first);
    await h.settle();

    const [a, b] = [await detail(first), await detail(second)];
    expect(a.image.status).toBe('clustered');
    expect(b.image.status).toBe('clustered');
    expect(b.palette).toMatchObject({ paletteId: a.palette!.paletteId, imageId: second, version: 1 });
    expect(b.palette!.colours).toEqual(a.palette!.colours);

    for (const imageId of [first, second]) {
      const res = await h.api(`/images/${imageId}/generation`, { method: 'POST', token: operator });
      expect(res.status).toBe(202);
    }
    await h.settle();
    expect((await detail(second)).image.status).toBe('generated');
    expect((await detail(first)).image.status).toBe('generated');
  });

  it('when a photo version has the pixels of an earlier one, then it keeps the palette and a look is made from it', async () => {
    const person = await createParticipant(h, operator);
    const { visitorId, photoImageId } = person.participant;
    const other = await noisyJpeg(180, 120, 21);
    expect(
      (await putPhoto(h, staff, visitorId, pixels, { contentType: 'image/png', expectedVersion: 0 })).status,
    ).toBe(201);
    expect((await putPhoto(h, staff, visitorId, other, { expectedVersion: 1 })).status).toBe(201);
    expect(
      (await putPhoto(h, staff, visitorId, pixels, { contentType: 'image/png', expectedVersion: 2 })).status,
    ).toBe(201);
    await h.settle();

    const photo = await detail(photoImageId);
    expect(photo.image).toMatchObject({ status: 'clustered', currentVersion: 3 });
    expect(photo.palette).toMatchObject({ imageId: photoImageId, version: 3 });

    const look = await h.api(`/participants/${visitorId}/looks`, {
      method: 'POST',
      token: operator,
      ...json({ paletteIds: [photo.palette!.paletteId] }),
    });
    expect(look.status).toBe(202);
    const { lookImageId } = (await look.json()) as { lookImageId: string };
    await h.settle();
    const poll = await h.api('/me/updates', { token: person.participantToken });
    const { updates } = (await poll.json()) as { updates: { imageId: string; variant: string }[] };
    expect(updates).toContainEqual(expect.objectContaining({ imageId: lookImageId, variant: 'processed' }));
  });
});

import { buffer } from 'node:stream/consumers';
import sharp from 'sharp';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { gpsTags, phoneJpeg } from '@photo/shared/testing/exif-images';
import { startHarness, type Harness } from './harness';
import { createParticipant, json, putPhoto } from './support';

/** ARCHIVE_ORIGINALS: the stored original keeps the phone's metadata for the archive; nothing is served with it. */
describe('archived originals', () => {
  let h: Harness;
  let staff: string;
  let operator: string;

  beforeAll(async () => {
    h = await startHarness({ env: { ARCHIVE_ORIGINALS: 'true' } });
    staff = await h.token('staff');
    operator = await h.token('operator');
  });
  afterAll(() => h.stop());

  /** Each variant of the image, as a one-time URL serves it (HEAD announcing exactly what GET sends). */
  async function servedVariants(imageId: string): Promise<Map<string, Buffer>> {
    const served = new Map<string, Buffer>();
    for (const { variant } of await h.system.adapters.images.listVariants(imageId)) {
      const issued = await h.api(`/images/${imageId}/url`, {
        method: 'POST',
        token: operator,
        ...json({ variant }),
      });
      expect(issued.status).toBe(201);
      const { url } = (await issued.json()) as { url: string };
      const head = await h.fetch(url, { method: 'HEAD' });
      const get = await h.fetch(url);
      expect(get.status).toBe(200);
      const bytes = Buffer.from(await get.arrayBuffer());
      expect(head.headers.get('content-length')).toBe(String(bytes.length));
      served.set(variant, bytes);
    }
    return served;
  }

  it('when staff upload a phone photo with GPS, then the stored original keeps it and every served variant, the original included, has none', async () => {
    const alice = await createParticipant(h, operator, 'Alice');
    const photo = await phoneJpeg(80, 60, { orientation: 6 });
    expect(await gpsTags(photo)).not.toBeNull();
    expect((await putPhoto(h, staff, alice.participant.visitorId, photo)).status).toBe(201);
    const imageId = alice.participant.photoImageId;
    await h.settle();

    const original = (await h.system.adapters.images.listVariants(imageId)).find(
      (v) => v.variant === 'original',
    );
    const stored = await h.system.adapters.blobs.get(original!.blobKey);
    expect(stored).not.toBeNull();
    const storedBytes = await buffer(stored!.body);
    expect(storedBytes.equals(photo)).toBe(true);
    expect(await gpsTags(storedBytes)).not.toBeNull();

    const served = await servedVariants(imageId);
    expect([...served.keys()]).toEqual(expect.arrayContaining(['original', 'clustered']));
    for (const [variant, bytes] of served) {
      expect(await gpsTags(bytes), variant).toBeNull();
      expect((await sharp(bytes).metadata()).exif, variant).toBeUndefined();
    }
    // Served upright: the orientation the phone recorded is applied to the pixels.
    const shown = await sharp(served.get('original')!).metadata();
    expect([shown.width, shown.height, shown.orientation ?? 1]).toEqual([60, 80, 1]);
  });
});

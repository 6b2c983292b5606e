import sharp from 'sharp';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { gpsTags, phoneJpeg } from '@photo/shared/testing/exif-images';
import { noisyJpeg } from '@photo/shared/testing/images';
import { startHarness, type Harness } from './harness';
import { createParticipant, json, putPhoto, type CreatedParticipant } from './support';

/** What a one-time URL of an original serves: never the GPS or camera data a phone wrote into the file. */
describe('served originals carry no personal metadata', () => {
  let h: Harness;
  let staff: string;
  let operator: string;

  beforeAll(async () => {
    h = await startHarness();
    staff = await h.token('staff');
    operator = await h.token('operator');
  });
  afterAll(() => h.stop());

  /** A one-time URL of the participant's original, as they would ask for it. */
  const originalUrl = async (p: CreatedParticipant) => {
    const res = await h.api(`/images/${p.participant.photoImageId}/url`, {
      method: 'POST',
      token: p.participantToken,
      ...json({ variant: 'original' }),
    });
    expect(res.status).toBe(201);
    return ((await res.json()) as { url: string }).url;
  };

  /** HEAD first (it must announce what GET sends), then GET. */
  const served = async (url: string) => {
    const head = await h.fetch(url, { method: 'HEAD' });
    const get = await h.fetch(url);
    expect(get.status).toBe(200);
    const bytes = Buffer.from(await get.arrayBuffer());
    expect(head.headers.get('content-length')).toBe(String(bytes.length));
    expect(get.headers.get('content-length')).toBe(String(bytes.length));
    expect(head.headers.get('etag')).toBe(get.headers.get('etag'));
    return bytes;
  };

  it('when staff upload a phone photo with GPS and an orientation, then its original is served without EXIF and upright', async () => {
    const alice = await createParticipant(h, operator, 'Alice');
    const upload = await putPhoto(
      h,
      staff,
      alice.participant.visitorId,
      await phoneJpeg(80, 60, { orientation: 6 }),
    );
    expect(upload.status).toBe(201);

    const bytes = await served(await originalUrl(alice));
    expect(await gpsTags(bytes)).toBeNull();
    const meta = await sharp(bytes).metadata();
    expect(meta.exif).toBeUndefined();
    expect([meta.width, meta.height, meta.orientation ?? 1]).toEqual([60, 80, 1]);
  });

  it('when an original stored before stripping still carries GPS, then a one-time URL serves it stripped', async () => {
    const bob = await createParticipant(h, operator, 'Bob');
    expect((await putPhoto(h, staff, bob.participant.visitorId, await noisyJpeg(80, 60, 3))).status).toBe(
      201,
    );
    // The stored object as an earlier release kept it: the phone's file, metadata and all.
    const [original] = (await h.system.adapters.images.listVariants(bob.participant.photoImageId)).filter(
      (v) => v.variant === 'original',
    );
    const phoneFile = await phoneJpeg(80, 60);
    expect(await gpsTags(phoneFile)).not.toBeNull();
    await h.system.adapters.blobs.delete(original!.blobKey);
    await h.system.adapters.blobs.put(original!.blobKey, phoneFile, { contentType: 'image/jpeg' });

    const bytes = await served(await originalUrl(bob));
    expect(await gpsTags(bytes)).toBeNull();
    expect((await sharp(bytes).metadata()).exif).toBeUndefined();
  });
});

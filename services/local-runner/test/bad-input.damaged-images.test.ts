import { join } from 'node:path';
import sharp from 'sharp';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { flippedPng, noisyTailJpeg, shortPng } from '@photo/shared/testing/damaged-images';
import { noisyJpeg } from '@photo/shared/testing/images';
import { startHarness, type Harness } from './harness';
import { createParticipant, expectError, listFiles, putPhoto } from './support';
import { putToTarget, requestUpload, waitForUpload } from './upload-support';

/**
 * Damaged images whose headers are whole, through every entry point: each is refused by the one acceptance check
 * with the same verdict, and none is ever stored.
 */
describe('damaged images, at every entry point', () => {
  let h: Harness;
  let operator: string;
  let staff: string;
  let visitorId: string;
  let damaged: Record<string, { bytes: Buffer; type: string }>;

  beforeAll(async () => {
    h = await startHarness();
    [operator, staff] = await Promise.all([h.token('operator'), h.token('staff')]);
    const person = await createParticipant(h, operator);
    visitorId = person.participant.visitorId;
    const photo = await noisyJpeg(320, 240, 11);
    const png = await sharp(photo).png().toBuffer();
    damaged = {
      'a PNG with one altered data byte': { bytes: flippedPng(png), type: 'image/png' },
      'a PNG with one altered data byte and a matching CRC': {
        bytes: flippedPng(png, { fixCrc: true }),
        type: 'image/png',
      },
      'a PNG with far less data than its size': { bytes: shortPng(1200, 900, 4), type: 'image/png' },
      "a JPEG's first 600 bytes and then noise": { bytes: noisyTailJpeg(photo), type: 'image/jpeg' },
    };
  });
  afterAll(() => h.stop());

  /** No event image, no participant photo, no stored object, no spooled upload. */
  async function expectNothingStored() {
    const listed = await h.api('/images', { token: operator });
    expect(((await listed.json()) as { items: unknown[] }).items).toEqual([]);
    const person = await h.api(`/participants/${visitorId}`, { token: operator });
    expect(((await person.json()) as { status: { photoVersion: number } }).status.photoVersion).toBe(0);
    // A refused direct upload is kept under quarantine/ for a person to look at; nothing else may exist.
    const objects = await listFiles(join(h.dataDir, 'buckets', 'images'));
    expect(objects.filter((key) => !key.startsWith('objects/quarantine~/'))).toEqual([]);
    expect((await listFiles(join(h.dataDir, 'tmp'))).filter((f) => /(^|\/)upload-/.test(f))).toEqual([]);
  }

  const postImages = (body: Buffer, type: string) =>
    h.api('/images', {
      method: 'POST',
      token: operator,
      headers: { 'content-type': type },
      body: new Uint8Array(body),
    });

  const multipart = (bytes: Buffer, type: string) => {
    const boundary = 'damagedImagesBoundary';
    const body = Buffer.concat([
      Buffer.from(
        `--${boundary}\r\nContent-Disposition: form-data; name="files"; filename="x"\r\n` +
          `Content-Type: ${type}\r\n\r\n`,
      ),
      bytes,
      Buffer.from(`\r\n--${boundary}--\r\n`),
    ]);
    return postImages(body, `multipart/form-data; boundary=${boundary}`);
  };

  it('when a staff photo is damaged, then 422 IMAGE.INVALID and the participant keeps no photo', async () => {
    for (const [name, { bytes, type }] of Object.entries(damaged)) {
      const res = await putPhoto(h, staff, visitorId, bytes, { contentType: type, expectedVersion: 0 });
      expect((await expectError(res, 422, 'IMAGE.INVALID')).message, name).toMatch(/not a usable image/);
    }
    await expectNothingStored();
  });

  it('when an operator uploads a damaged image raw or in a form, then 422 IMAGE.INVALID and nothing is stored', async () => {
    for (const { bytes, type } of Object.values(damaged)) {
      await expectError(await postImages(bytes, type), 422, 'IMAGE.INVALID');
      await expectError(await multipart(bytes, type), 422, 'IMAGE.INVALID');
    }
    await expectNothingStored();
  });

  it('when many truncated PNGs arrive at once, then every one is refused and none is stored', async () => {
    const png = await sharp(await noisyJpeg(600, 400, 12))
      .png()
      .toBuffer();
    const cuts = [0.3, 0.5, 0.7, 0.9, 0.97];
    const answers = await Promise.all(
      Array.from({ length: 30 }, (_, i) => {
        const cut = png.subarray(0, Math.floor(png.length * cuts[i % cuts.length]!));
        return i % 3 === 0
          ? putPhoto(h, staff, visitorId, cut, { contentType: 'image/png', expectedVersion: 0 })
          : postImages(cut, 'image/png');
      }),
    );
    for (const res of answers) await expectError(res, 422, 'IMAGE.INVALID');
    await expectNothingStored();
  });

  it('when a damaged image is uploaded directly, then the upload is rejected as UPLOAD.CORRUPT', async () => {
    for (const { bytes, type } of Object.values(damaged)) {
      const { upload, target } = await requestUpload(h, operator, {
        fileName: type === 'image/png' ? 'x.png' : 'x.jpg',
        contentType: type,
        size: bytes.length,
        purpose: 'event',
      });
      expect((await putToTarget(target, bytes)).status).toBe(200);
      const view = await waitForUpload(h, operator, upload.intentId);
      expect(view).toMatchObject({ status: 'rejected', reason: { code: 'UPLOAD.CORRUPT' }, result: null });
    }
    await expectNothingStored();
  });

  it('when a damaged selfie is sent to the gallery, then 422 IMAGE.INVALID', async () => {
    for (const { bytes, type } of Object.values(damaged)) {
      const res = await h.fetch(`${h.system.urls.gallery}/emotion`, {
        method: 'POST',
        headers: { 'content-type': type },
        body: new Uint8Array(bytes),
      });
      await expectError(res, 422, 'IMAGE.INVALID');
    }
  });
});

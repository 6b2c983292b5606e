import { createHash } from 'node:crypto';
import { join } from 'node:path';
import sharp from 'sharp';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { blocksPng, noisyJpeg, pngBomb } from '@photo/shared/testing/images';
import { startHarness, type Harness } from './harness';
import { createParticipant, expectError, listFiles, putPhoto, type CreatedParticipant } from './support';

/** Deterministic bytes that are no known format. */
const junk = (length: number, seed: string): Buffer => {
  const blocks: Buffer[] = [];
  for (let i = 0; blocks.length * 32 < length; i++)
    blocks.push(createHash('sha256').update(`${seed}:${i}`).digest());
  return Buffer.concat(blocks).subarray(0, length);
};

/** A participant with photo version 1, and a way to check that a failed upload changed nothing. */
async function photographedParticipant(h: Harness, firstShot: Buffer) {
  const operator = await h.token('operator');
  const staff = await h.token('staff');
  const person: CreatedParticipant = await createParticipant(h, operator);
  const visitorId = person.participant.visitorId;
  expect((await putPhoto(h, staff, visitorId, firstShot)).status).toBe(201);

  const state = async () => {
    await h.settle(); // the colour pipeline's work on version 1 is part of "before"
    const res = await h.api(`/participants/${visitorId}`, { token: operator });
    expect(res.status).toBe(200);
    const body = (await res.json()) as { status: { photoVersion: number } };
    return {
      photoVersion: body.status.photoVersion,
      blobs: await listFiles(join(h.dataDir, 'buckets', 'images')),
      temp: await listFiles(join(h.dataDir, 'tmp')),
    };
  };
  const before = await state();
  expect(before.photoVersion).toBe(1);
  expect(before.temp).toEqual([]);
  return {
    operator,
    staff,
    person,
    upload: (body: Buffer | string, contentType: string) =>
      putPhoto(h, staff, visitorId, body, { contentType, expectedVersion: 1 }),
    /** Version 1 is still current, no object was added or removed, no temp file is left. */
    expectNothingLost: async () => expect(await state()).toEqual(before),
  };
}

describe('bad images through the backend to the image server', () => {
  let h: Harness;
  let firstShot: Buffer;
  let subject: Awaited<ReturnType<typeof photographedParticipant>>;

  beforeAll(async () => {
    h = await startHarness();
    firstShot = await noisyJpeg(160, 120, 1);
    subject = await photographedParticipant(h, firstShot);
  });
  afterAll(() => h.stop());

  it('when the body is empty, then 400 REQUEST.EMPTY_BODY and nothing is lost', async () => {
    await expectError(await subject.upload(Buffer.alloc(0), 'image/jpeg'), 400, 'REQUEST.EMPTY_BODY');
    await subject.expectNothingLost();
  });

  it('when a real JPEG is cut in half, then 422 IMAGE.INVALID and nothing is lost', async () => {
    const jpeg = await noisyJpeg(320, 240, 7);
    await expectError(
      await subject.upload(jpeg.subarray(0, jpeg.length >> 1), 'image/jpeg'),
      422,
      'IMAGE.INVALID',
    );
    await subject.expectNothingLost();
  });

  it('when random bytes are labelled image/jpeg, then 422 IMAGE.INVALID and nothing is lost', async () => {
    await expectError(await subject.upload(junk(40_000, 'corrupt'), 'image/jpeg'), 422, 'IMAGE.INVALID');
    await subject.expectNothingLost();
  });

  it('when text is labelled image/png, then 422 IMAGE.INVALID and nothing is lost', async () => {
    await expectError(
      await subject.upload('this is not a picture, just some words\n'.repeat(50), 'image/png'),
      422,
      'IMAGE.INVALID',
    );
    await subject.expectNothingLost();
  });

  it('when an SVG or a GIF is labelled image/png, then 415 IMAGE.TYPE_NOT_ALLOWED and nothing is lost', async () => {
    const svg =
      '<svg xmlns="http://www.w3.org/2000/svg" width="64" height="64"><rect width="64" height="64"/></svg>';
    await expectError(await subject.upload(svg, 'image/png'), 415, 'IMAGE.TYPE_NOT_ALLOWED');
    const gif = await sharp({ create: { width: 32, height: 32, channels: 3, background: '#c00' } })
      .gif()
      .toBuffer();
    await expectError(await subject.upload(gif, 'image/png'), 415, 'IMAGE.TYPE_NOT_ALLOWED');
    await subject.expectNothingLost();
  });

  it('when the content type is not an accepted image type, then 415 REQUEST.UNSUPPORTED_MEDIA_TYPE and nothing is lost', async () => {
    await expectError(await subject.upload(firstShot, 'image/gif'), 415, 'REQUEST.UNSUPPORTED_MEDIA_TYPE');
    await expectError(
      await subject.upload(firstShot, 'application/octet-stream'),
      415,
      'REQUEST.UNSUPPORTED_MEDIA_TYPE',
    );
    await subject.expectNothingLost();
  });

  it('when a tiny PNG declares 20000x20000 pixels, then it is refused from its header before decoding: 422 IMAGE.TOO_MANY_PIXELS', async () => {
    const bomb = pngBomb(20_000, 20_000);
    expect(bomb.length).toBeLessThan(100_000);
    const started = Date.now();
    const error = await expectError(await subject.upload(bomb, 'image/png'), 422, 'IMAGE.TOO_MANY_PIXELS');
    // Decoding 400 megapixels takes many seconds; a refusal from the header takes milliseconds.
    expect(Date.now() - started).toBeLessThan(5_000);
    expect(error.details).toEqual({ pixels: 400_000_000, limit: 40_000_000 });
    await subject.expectNothingLost();
  });
});

describe('upload limits from the configuration', () => {
  let h: Harness;
  let subject: Awaited<ReturnType<typeof photographedParticipant>>;

  beforeAll(async () => {
    h = await startHarness({ env: { MAX_UPLOAD_BYTES: '50000', MAX_INPUT_PIXELS: '10000' } });
    subject = await photographedParticipant(
      h,
      await blocksPng(100, 100, [
        [200, 30, 30],
        [30, 200, 30],
      ]),
    );
  });
  afterAll(() => h.stop());

  it('when the body is larger than MAX_UPLOAD_BYTES, then 413 REQUEST.TOO_LARGE and nothing is lost', async () => {
    const big = await noisyJpeg(400, 400, 3);
    expect(big.length).toBeGreaterThan(50_000);
    const error = await expectError(await subject.upload(big, 'image/jpeg'), 413, 'REQUEST.TOO_LARGE');
    expect(error.details).toEqual({ limitBytes: 50_000 });
    await subject.expectNothingLost();
  });

  it('when an upload was refused halfway through its body, then the next upload is still answered', async () => {
    // The refused bytes are left unread on the kept-alive connection to the image server; reusing it would hang.
    expect((await subject.upload(await noisyJpeg(400, 400, 4), 'image/jpeg')).status).toBe(413);
    await expectError(await subject.upload(Buffer.alloc(0), 'image/jpeg'), 400, 'REQUEST.EMPTY_BODY');
    const direct = await fetch(
      `${h.system.urls.imageServer}/internal/images/img_00000000000000000000/links`,
      { method: 'POST' },
    );
    await expectError(direct, 401, 'AUTH.UNAUTHENTICATED');
  });

  it('when a small file has more than MAX_INPUT_PIXELS pixels, then 422 IMAGE.TOO_MANY_PIXELS and nothing is lost', async () => {
    const wide = await blocksPng(200, 200, [[0, 0, 255]]);
    expect(wide.length).toBeLessThan(50_000);
    const error = await expectError(await subject.upload(wide, 'image/png'), 422, 'IMAGE.TOO_MANY_PIXELS');
    expect(error.details).toEqual({ pixels: 40_000, limit: 10_000 });
    await subject.expectNothingLost();
  });

  it('when an image within both limits follows the refusals, then it becomes version 2', async () => {
    const res = await subject.upload(await blocksPng(100, 100, [[1, 2, 3]]), 'image/png');
    expect(res.status).toBe(201);
    expect(await res.json()).toMatchObject({ version: 2, width: 100, height: 100 });
  });
});

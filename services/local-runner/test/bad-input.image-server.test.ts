import { createHash } from 'node:crypto';
import { join } from 'node:path';
import sharp from 'sharp';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { blocksPng, noisyJpeg, pngBomb } from '@photo/shared/testing/images';
import { BACKEND_SERVICE_ACCOUNT } from '../src/system';
import { startHarness, type Harness } from './harness';
import { createParticipant, expectError, listFiles, putPhoto, type CreatedParticipant } from './support';

/** Deterministic bytes that are no known format. */
const junk = (length: number, seed: string): Buffer => {
  const blocks: Buffer[] = [];
  for (let i = 0; blocks.length * 32 < length; i++) blocks.push(createHash('sha256').update(`${seed}:${i}`).digest());
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
    upload: (body: Buffer | string, contentType: string) => putPhoto(h, staff, visitorId, body, { contentType, expectedVersion: 1 }),
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
    await expectError(await subject.upload(jpeg.subarray(0, jpeg.length >> 1), 'image/jpeg'), 422, 'IMAGE.INVALID');
    await subject.expectNothingLost();
  });

  it('when random bytes are labelled image/jpeg, then 422 IMAGE.INVALID and nothing is lost', async () => {
    await expectError(await subject.upload(junk(40_000, 'corrupt'), 'image/jpeg'), 422, 'IMAGE.INVALID');
    await subject.expectNothingLost();
  });

  it('when text is labelled image/png, then 422 IMAGE.INVALID and nothing is lost', async () => {
    await expectError(await subject.upload('this is not a picture, just some words\n'.repeat(50), 'image/png'), 422, 'IMAGE.INVALID');
    await subject.expectNothingLost();
  });

  it('when an SVG or a GIF is labelled image/png, then 415 IMAGE.TYPE_NOT_ALLOWED and nothing is lost', async () => {
    const svg = '<svg xmlns="http://www.w3.org/2000/svg" width="64" height="64"><rect width="64" height="64"/></svg>';
    await expectError(await subject.upload(svg, 'image/png'), 415, 'IMAGE.TYPE_NOT_ALLOWED');
    const gif = await sharp({ create: { width: 32, height: 32, channels: 3, background: '#c00' } }).gif().toBuffer();
    await expectError(await subject.upload(gif, 'image/png'), 415, 'IMAGE.TYPE_NOT_ALLOWED');
    await subject.expectNothingLost();
  });

  it('when the content type is not an accepted image type, then 415 REQUEST.UNSUPPORTED_MEDIA_TYPE and nothing is lost', async () => {
    await expectError(await subject.upload(firstShot, 'image/gif'), 415, 'REQUEST.UNSUPPORTED_MEDIA_TYPE');
    await expectError(await subject.upload(firstShot, 'application/octet-stream'), 415, 'REQUEST.UNSUPPORTED_MEDIA_TYPE');
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
    subject = await photographedParticipant(h, await blocksPng(100, 100, [[200, 30, 30], [30, 200, 30]]));
  });
  afterAll(() => h.stop());

  it('when the body is larger than MAX_UPLOAD_BYTES, then 413 REQUEST.TOO_LARGE and nothing is lost', async () => {
    const big = await noisyJpeg(400, 400, 3);
    expect(big.length).toBeGreaterThan(50_000);
    const error = await expectError(await subject.upload(big, 'image/jpeg'), 413, 'REQUEST.TOO_LARGE');
    expect(error.details).toEqual({ limitBytes: 50_000 });
    await subject.expectNothingLost();
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

describe("the image server's internal routes", () => {
  let h: Harness;
  let imageServer: string;

  beforeAll(async () => {
    h = await startHarness();
    imageServer = h.system.urls.imageServer;
  });
  afterAll(() => h.stop());

  const internal = (path: string, init: RequestInit & { token?: string } = {}) => {
    const { token, ...rest } = init;
    const headers = new Headers(rest.headers);
    if (token) headers.set('authorization', `Bearer ${token}`);
    return fetch(`${imageServer}${path}`, { ...rest, headers });
  };
  const linkRequest = { method: 'POST', headers: { 'content-type': 'application/json' }, body: '{}' };
  const serviceToken = (email = BACKEND_SERVICE_ACCOUNT, audience = imageServer) => h.system.idp.serviceToken({ email, audience });

  it('when there is no service token, then 401 AUTH.UNAUTHENTICATED', async () => {
    await expectError(await internal('/internal/images/img_00000000000000000000/links', linkRequest), 401, 'AUTH.UNAUTHENTICATED');
    const upload = await internal('/internal/images/img_00000000000000000000/versions', {
      method: 'PUT',
      headers: { 'content-type': 'image/jpeg', 'x-image-kind': 'event' },
      body: await noisyJpeg(32, 32),
    });
    await expectError(upload, 401, 'AUTH.UNAUTHENTICATED');
    expect(await listFiles(join(h.dataDir, 'buckets', 'images', 'objects'))).toEqual([]);
  });

  it("when a user's access token (audience: the backend API) is presented, then 401 AUTH.UNAUTHENTICATED", async () => {
    const res = await internal('/internal/images/img_00000000000000000000/links', { ...linkRequest, token: await h.token('operator') });
    const error = await expectError(res, 401, 'AUTH.UNAUTHENTICATED');
    expect(error.message).toMatch(/aud/);
  });

  it('when a token for the image server names another service account, or none, then 403 AUTH.FORBIDDEN', async () => {
    const stranger = await serviceToken('intruder@elsewhere.example');
    await expectError(await internal('/internal/images/img_00000000000000000000/links', { ...linkRequest, token: stranger }), 403, 'AUTH.FORBIDDEN');
    const userForImageServer = await h.system.idp.accessToken({ role: 'operator', subject: 'test|operator', audience: imageServer });
    await expectError(await internal('/internal/images/img_00000000000000000000/links', { ...linkRequest, token: userForImageServer }), 403, 'AUTH.FORBIDDEN');
  });

  it('when the backend service token is expired, then 401 AUTH.TOKEN_EXPIRED', async () => {
    const expired = await h.system.idp.sign({ email: BACKEND_SERVICE_ACCOUNT, email_verified: true }, BACKEND_SERVICE_ACCOUNT, imageServer, -600);
    await expectError(await internal('/internal/images/img_00000000000000000000/links', { ...linkRequest, token: expired }), 401, 'AUTH.TOKEN_EXPIRED');
  });

  it('when the backend calls with a bad id, headers or body, then 400/404/415, never a 500', async () => {
    const token = await serviceToken();
    const jpeg = await noisyJpeg(32, 32);
    const put = (id: string, headers: Record<string, string>, body: Buffer | string = jpeg) =>
      internal(`/internal/images/${id}/versions`, { method: 'PUT', token, headers, body });
    await expectError(await put('img_..%2F..%2Fx', { 'content-type': 'image/jpeg', 'x-image-kind': 'event' }), 400, 'REQUEST.INVALID');
    await expectError(await put('img_00000000000000000000', { 'content-type': 'image/jpeg', 'x-image-kind': 'poster' }), 400, 'REQUEST.INVALID');
    await expectError(await put('img_00000000000000000000', { 'content-type': 'image/jpeg', 'x-image-kind': 'event', 'x-expected-version': 'one' }), 400, 'REQUEST.INVALID');
    await expectError(await put('img_00000000000000000000', { 'content-type': 'text/plain', 'x-image-kind': 'event' }, 'hello'), 415, 'REQUEST.UNSUPPORTED_MEDIA_TYPE');
    await expectError(await internal('/internal/images/img_..%2Fx/links', { ...linkRequest, token }), 400, 'REQUEST.INVALID');
    await expectError(await internal('/internal/images/img_00000000000000000000/links', { ...linkRequest, token }), 404, 'IMAGE.NOT_FOUND');
    await expectError(
      await internal('/internal/images/img_00000000000000000000/links', { method: 'POST', token, headers: { 'content-type': 'application/json' }, body: '{"variant":"original","x":1}' }),
      400,
      'REQUEST.INVALID',
    );
    await expectError(await internal('/internal/images/img_00000000000000000000/links', { method: 'POST', token, headers: { 'content-type': 'application/json' }, body: '{' }), 400, 'REQUEST.MALFORMED_JSON');
    expect(await listFiles(join(h.dataDir, 'buckets', 'images', 'objects'))).toEqual([]);
    expect(await listFiles(join(h.dataDir, 'tmp'))).toEqual([]);
  });
});

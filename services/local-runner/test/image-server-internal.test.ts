import { createHash } from 'node:crypto';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { noisyJpeg } from '@photo/shared/testing/images';
import { BACKEND_SERVICE_ACCOUNT } from '../src/system';
import { startHarness, type Harness } from './harness';
import { expectError, listFiles } from './support';

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
  const serviceToken = (email = BACKEND_SERVICE_ACCOUNT, audience = imageServer) =>
    h.system.idp.serviceToken({ email, audience });

  it('when there is no service token, then 401 AUTH.UNAUTHENTICATED', async () => {
    await expectError(
      await internal('/internal/images/img_00000000000000000000/links', linkRequest),
      401,
      'AUTH.UNAUTHENTICATED',
    );
    const upload = await internal('/internal/images/img_00000000000000000000/versions', {
      method: 'PUT',
      headers: { 'content-type': 'image/jpeg', 'x-image-kind': 'event' },
      body: new Uint8Array(await noisyJpeg(32, 32)),
    });
    await expectError(upload, 401, 'AUTH.UNAUTHENTICATED');
    expect(await listFiles(join(h.dataDir, 'buckets', 'images', 'objects'))).toEqual([]);
  });

  it("when a user's access token (audience: the backend API) is presented, then 401 AUTH.UNAUTHENTICATED", async () => {
    const res = await internal('/internal/images/img_00000000000000000000/links', {
      ...linkRequest,
      token: await h.token('operator'),
    });
    const error = await expectError(res, 401, 'AUTH.UNAUTHENTICATED');
    expect(error.message).toMatch(/aud/);
  });

  it('when a token for the image server names another service account, or none, then 403 AUTH.FORBIDDEN', async () => {
    const stranger = await serviceToken('intruder@elsewhere.example');
    await expectError(
      await internal('/internal/images/img_00000000000000000000/links', { ...linkRequest, token: stranger }),
      403,
      'AUTH.FORBIDDEN',
    );
    const userForImageServer = await h.system.idp.accessToken({
      role: 'operator',
      subject: 'test|operator',
      audience: imageServer,
    });
    await expectError(
      await internal('/internal/images/img_00000000000000000000/links', {
        ...linkRequest,
        token: userForImageServer,
      }),
      403,
      'AUTH.FORBIDDEN',
    );
  });

  it('when the backend service token is expired, then 401 AUTH.TOKEN_EXPIRED', async () => {
    const expired = await h.system.idp.sign(
      { email: BACKEND_SERVICE_ACCOUNT, email_verified: true },
      BACKEND_SERVICE_ACCOUNT,
      imageServer,
      -600,
    );
    await expectError(
      await internal('/internal/images/img_00000000000000000000/links', { ...linkRequest, token: expired }),
      401,
      'AUTH.TOKEN_EXPIRED',
    );
  });

  it('when the backend calls with a bad id, headers or body, then 400/404/415, never a 500', async () => {
    const token = await serviceToken();
    const jpeg = await noisyJpeg(32, 32);
    const put = (id: string, headers: Record<string, string>, body: Buffer | string = jpeg) =>
      internal(`/internal/images/${id}/versions`, {
        method: 'PUT',
        token,
        headers,
        body: typeof body === 'string' ? body : new Uint8Array(body),
      });
    await expectError(
      await put('img_..%2F..%2Fx', { 'content-type': 'image/jpeg', 'x-image-kind': 'event' }),
      400,
      'REQUEST.INVALID',
    );
    await expectError(
      await put('img_00000000000000000000', { 'content-type': 'image/jpeg', 'x-image-kind': 'poster' }),
      400,
      'REQUEST.INVALID',
    );
    await expectError(
      await put('img_00000000000000000000', {
        'content-type': 'image/jpeg',
        'x-image-kind': 'event',
        'x-expected-version': 'one',
      }),
      400,
      'REQUEST.INVALID',
    );
    await expectError(
      await put(
        'img_00000000000000000000',
        { 'content-type': 'text/plain', 'x-image-kind': 'event' },
        'hello',
      ),
      415,
      'REQUEST.UNSUPPORTED_MEDIA_TYPE',
    );
    await expectError(
      await internal('/internal/images/img_..%2Fx/links', { ...linkRequest, token }),
      400,
      'REQUEST.INVALID',
    );
    await expectError(
      await internal('/internal/images/img_00000000000000000000/links', { ...linkRequest, token }),
      404,
      'IMAGE.NOT_FOUND',
    );
    await expectError(
      await internal('/internal/images/img_00000000000000000000/links', {
        method: 'POST',
        token,
        headers: { 'content-type': 'application/json' },
        body: '{"variant":"original","x":1}',
      }),
      400,
      'REQUEST.INVALID',
    );
    await expectError(
      await internal('/internal/images/img_00000000000000000000/links', {
        method: 'POST',
        token,
        headers: { 'content-type': 'application/json' },
        body: '{',
      }),
      400,
      'REQUEST.MALFORMED_JSON',
    );
    expect(await listFiles(join(h.dataDir, 'buckets', 'images', 'objects'))).toEqual([]);
    expect(await listFiles(join(h.dataDir, 'tmp'))).toEqual([]);
  });

  it("when the upload pipeline's handoff names a missing or changed upload, or an unstored rendition, then 404/409/422; a good one is recorded once", async () => {
    const token = await serviceToken();
    const json = (method: string, path: string, body: unknown) =>
      internal(path, {
        method,
        token,
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify(body),
      });
    const objectKey = 'uploads/up_0123456789abcdefghjk';
    const jpeg = await noisyJpeg(32, 32);
    const handoff = (sha256: string, key = objectKey) =>
      json('POST', '/internal/images/img_00000000000000000001/versions/imports', {
        kind: 'event',
        ownerVisitorId: null,
        expectedVersion: 0,
        idempotencyKey: 'upload:up_0123456789abcdefghjk',
        objectKey: key,
        sha256,
      });
    const sha256 = createHash('sha256').update(jpeg).digest('hex');
    await expectError(
      await handoff(sha256, 'originals/img_00000000000000000001/v1/original-x'),
      400,
      'REQUEST.INVALID',
    );
    await expectError(await handoff(sha256), 404, 'UPLOAD.NOT_FOUND');
    await h.system.adapters.blobs.put(objectKey, jpeg, { contentType: 'image/jpeg' });
    await expectError(await handoff('0'.repeat(64)), 409, 'UPLOAD.OBJECT_CHANGED');
    expect(await h.system.adapters.images.get('img_00000000000000000001')).toBeNull();

    const stored = await handoff(sha256);
    expect(stored.status).toBe(201);
    expect((await handoff(sha256)).status).toBe(200);
    const rendition = {
      variant: 'r256-jpeg',
      blobKey: 'derived/uploads/up_0123456789abcdefghjk/r256-jpeg',
      contentType: 'image/jpeg',
      bytes: jpeg.length,
      sha256,
      width: 32,
      height: 32,
    };
    const record = (version: number) =>
      json('PUT', `/internal/images/img_00000000000000000001/versions/${version}/renditions`, {
        renditions: [rendition],
      });
    const elsewhere = { ...rendition, blobKey: 'derived/uploads/up_0123456789abcdefghjk/r256-webp' };
    const path = '/internal/images/img_00000000000000000001/versions/1/renditions';
    await expectError(await json('PUT', path, { renditions: [elsewhere] }), 400, 'REQUEST.INVALID');
    await expectError(await record(2), 404, 'IMAGE.NOT_FOUND');
    await expectError(await record(1), 422, 'UPLOAD.RENDITION_MISSING');
    await h.system.adapters.blobs.put(rendition.blobKey, jpeg, { contentType: 'image/jpeg' });
    expect((await record(1)).status).toBe(200);
    expect((await record(1)).status).toBe(200);
    const variants = await h.system.adapters.images.listVariants('img_00000000000000000001');
    expect(variants.map((v) => v.variant).sort()).toEqual(['original', 'r256-jpeg']);
  });
});

import sharp from 'sharp';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { noisyJpeg } from '@photo/shared/testing/images';
import { MODES, startHarness, type Harness } from './harness';
import { createParticipant, expectError, ManualClock, type CreatedParticipant } from './support';
import { keysUnder, putToTarget, requestUpload, sha256, waitForUpload } from './upload-support';

const jpegRequest = (bytes: Buffer, extra: Record<string, unknown> = {}) => ({
  fileName: 'x.jpg',
  contentType: 'image/jpeg',
  size: bytes.length,
  purpose: 'event',
  ...extra,
});

describe.each(MODES)('direct upload: what is refused, and where it ends up (%s)', (mode) => {
  let h: Harness;
  let operator: string;
  let jpeg: Buffer;

  beforeAll(async () => {
    h = await startHarness({ mode, env: { UPLOAD_MAX_BYTES: String(512 * 1024) } });
    operator = await h.token('operator');
    jpeg = await noisyJpeg(200, 150);
  });
  afterAll(() => h.stop());

  /** A rejected upload: quarantined, no derivative, no upload object, no image version, and the intent says why. */
  async function expectRejected(intentId: string, imageId: string, code: string) {
    const view = await waitForUpload(h, operator, intentId);
    expect(view).toMatchObject({ status: 'rejected', reason: { code }, result: null, derivatives: [] });
    expect(view.steps.verify).toMatchObject({ status: 'failed' });
    expect(await keysUnder(h, `quarantine/${intentId}`)).toEqual([`quarantine/${intentId}`]);
    expect(await keysUnder(h, `uploads/${intentId}`)).toEqual([]);
    expect(await keysUnder(h, `derived/uploads/${intentId}/`)).toEqual([]);
    expect(await h.system.adapters.images.get(imageId)).toBeNull();
  }

  it('when the declared type is not allowed or the size is over the limit, then no target is signed', async () => {
    await expectError(
      await h.api('/uploads', {
        method: 'POST',
        token: operator,
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify(jpegRequest(jpeg, { contentType: 'image/gif' })),
      }),
      415,
      'UPLOAD.TYPE_NOT_ALLOWED',
    );
    await expectError(
      await h.api('/uploads', {
        method: 'POST',
        token: operator,
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify(jpegRequest(jpeg, { size: 600 * 1024 })),
      }),
      413,
      'UPLOAD.TOO_LARGE',
    );
  });

  it('when the bytes are more or fewer than declared, then the target refuses them and nothing is stored', async () => {
    const { upload, target } = await requestUpload(h, operator, jpegRequest(jpeg));
    expect((await putToTarget(target, Buffer.concat([jpeg, Buffer.alloc(10)]))).status).toBe(400);
    expect((await putToTarget(target, jpeg.subarray(0, jpeg.length - 10))).status).toBe(400);
    expect(await keysUnder(h, `uploads/${upload.intentId}`)).toEqual([]);
  });

  it('when the PUT carries another Content-Type than the signed one, then it is refused', async () => {
    const { target } = await requestUpload(h, operator, jpegRequest(jpeg));
    expect((await putToTarget(target, jpeg, { 'Content-Type': 'text/html' })).status).toBe(403);
  });

  it('when a target is used twice, then the second PUT cannot overwrite the first', async () => {
    const { upload, target } = await requestUpload(h, operator, jpegRequest(jpeg));
    expect((await putToTarget(target, jpeg)).status).toBe(200);
    const other = Buffer.from(jpeg);
    other[100] = 255 - other[100]!; // the same size, other bytes
    expect((await putToTarget(target, other)).status).toBe(412);
    expect((await waitForUpload(h, operator, upload.intentId)).status).toBe('ready');
  });

  it('when a target is pointed at another key, then the signature no longer matches', async () => {
    const a = await requestUpload(h, operator, jpegRequest(jpeg));
    const b = await requestUpload(h, operator, jpegRequest(jpeg));
    const forged = new URL(a.target.url);
    if (mode === 'cloud') forged.pathname = new URL(b.target.url).pathname;
    else
      forged.pathname = forged.pathname.replace(
        /\.([A-Za-z0-9_-]+)\.([A-Za-z0-9_-]+)$/,
        (_, p: string, mac: string) =>
          `.${Buffer.from(JSON.stringify({ ...JSON.parse(Buffer.from(p, 'base64url').toString()), k: `uploads/${b.upload.intentId}` })).toString('base64url')}.${mac}`,
      );
    expect((await putToTarget({ ...a.target, url: forged.href }, jpeg)).status).toBe(403);
    expect(await keysUnder(h, `uploads/${b.upload.intentId}`)).toEqual([]);
  });

  it('when JPEG bytes arrive for a declared PNG, then the upload is rejected as a type mismatch and quarantined', async () => {
    const { upload, target } = await requestUpload(
      h,
      operator,
      jpegRequest(jpeg, { contentType: 'image/png', fileName: 'x.png' }),
    );
    expect((await putToTarget(target, jpeg)).status).toBe(200);
    await expectRejected(upload.intentId, upload.imageId, 'UPLOAD.TYPE_MISMATCH');
  });

  it('when the bytes do not hash to the declared SHA-256, then the upload is rejected and quarantined', async () => {
    const { upload, target } = await requestUpload(
      h,
      operator,
      jpegRequest(jpeg, { sha256: sha256(Buffer.from('other')) }),
    );
    expect((await putToTarget(target, jpeg)).status).toBe(200);
    await expectRejected(upload.intentId, upload.imageId, 'UPLOAD.HASH_MISMATCH');
  });

  it('when the image is truncated, then the upload is rejected as corrupt and quarantined', async () => {
    const truncated = jpeg.subarray(0, Math.floor(jpeg.length / 2));
    const { upload, target } = await requestUpload(h, operator, jpegRequest(truncated));
    expect((await putToTarget(target, truncated)).status).toBe(200);
    await expectRejected(upload.intentId, upload.imageId, 'UPLOAD.CORRUPT');
  });

  it('when the image has more pixels than allowed, then it is rejected before it is decoded', async () => {
    const big = await sharp({ create: { width: 9000, height: 5000, channels: 3, background: '#888' } })
      .jpeg()
      .toBuffer();
    const { upload, target } = await requestUpload(h, operator, jpegRequest(big));
    expect((await putToTarget(target, big)).status).toBe(200);
    await expectRejected(upload.intentId, upload.imageId, 'UPLOAD.TOO_MANY_PIXELS');
  });
});

describe('direct upload: callers, quotas and versions', () => {
  let h: Harness;
  let operator: string;
  let staff: string;
  let carol: CreatedParticipant;
  let jpeg: Buffer;
  const post = (token: string, body: unknown) =>
    h.api('/uploads', {
      method: 'POST',
      token,
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify(body),
    });

  beforeAll(async () => {
    h = await startHarness({ env: { UPLOAD_MAX_PENDING: '2' } });
    [operator, staff] = await Promise.all([h.token('operator'), h.token('staff')]);
    carol = await createParticipant(h, operator, 'Carol');
    jpeg = await noisyJpeg(120, 90);
  });
  afterAll(() => h.stop());

  it('when a participant asks for an event image or another participant photo, then 403; staff may not upload event images', async () => {
    await expectError(await post(carol.participantToken, jpegRequest(jpeg)), 403, 'AUTH.FORBIDDEN');
    const dave = await createParticipant(h, operator, 'Dave');
    await expectError(
      await post(
        carol.participantToken,
        jpegRequest(jpeg, { purpose: 'participant-photo', visitorId: dave.participant.visitorId }),
      ),
      403,
      'AUTH.FORBIDDEN',
    );
    await expectError(await post(staff, jpegRequest(jpeg)), 403, 'AUTH.FORBIDDEN');
    await expectError(
      await post(staff, jpegRequest(jpeg, { purpose: 'participant-photo' })),
      400,
      'REQUEST.INVALID',
    );
  });

  it('when the photo already has a version and none is confirmed, then 409 names it, as the PUT photo route does', async () => {
    const first = await requestUpload(
      h,
      staff,
      jpegRequest(jpeg, { purpose: 'participant-photo', visitorId: carol.participant.visitorId }),
    );
    await putToTarget(first.target, jpeg);
    expect((await waitForUpload(h, staff, first.upload.intentId)).status).toBe('ready');
    const conflict = await expectError(
      await post(
        staff,
        jpegRequest(jpeg, { purpose: 'participant-photo', visitorId: carol.participant.visitorId }),
      ),
      409,
      'IMAGE.VERSION_CONFLICT',
    );
    expect(conflict.details).toMatchObject({ currentVersion: 1 });
    // Two uploads confirming version 1: the compare-and-swap lets one through and rejects the other.
    const a = await requestUpload(
      h,
      staff,
      jpegRequest(jpeg, {
        purpose: 'participant-photo',
        visitorId: carol.participant.visitorId,
        expectedVersion: 1,
      }),
    );
    const other = await noisyJpeg(120, 90, 7);
    const b = await requestUpload(
      h,
      carol.participantToken,
      jpegRequest(other, { purpose: 'participant-photo', expectedVersion: 1 }),
    );
    await putToTarget(a.target, jpeg);
    expect((await waitForUpload(h, staff, a.upload.intentId)).status).toBe('ready');
    await putToTarget(b.target, other);
    const lost = await waitForUpload(h, staff, b.upload.intentId);
    expect(lost).toMatchObject({ status: 'rejected', reason: { code: 'UPLOAD.VERSION_CONFLICT' } });
    expect(await keysUnder(h, `derived/uploads/${b.upload.intentId}/`)).toEqual([]);
  });

  it('when a caller has as many pending uploads as allowed, then the next request is 429', async () => {
    const fresh = await h.system.idp.accessToken({
      role: 'operator',
      subject: 'test|quota',
      audience: h.system.audience,
    });
    await requestUpload(h, fresh, jpegRequest(jpeg));
    await requestUpload(h, fresh, jpegRequest(jpeg));
    const refused = await expectError(await post(fresh, jpegRequest(jpeg)), 429, 'UPLOAD.QUOTA_EXCEEDED');
    expect(refused.details).toMatchObject({ pending: 2, maxPending: 2 });
  });

  it('when a callback URL points inside the network or is not https, then it is refused', async () => {
    await expectError(
      await post(operator, jpegRequest(jpeg, { callbackUrl: 'http://example.com/hook' })),
      400,
      'UPLOAD.CALLBACK_URL_REFUSED',
    );
    await expectError(
      await post(operator, jpegRequest(jpeg, { callbackUrl: 'https://169.254.169.254/latest' })),
      400,
      'UPLOAD.CALLBACK_URL_REFUSED',
    );
  });
});

describe('direct upload: targets expire', () => {
  it('when the target has expired, then the PUT is refused, and the sweeper marks the intent expired', async () => {
    const clock = new ManualClock();
    const h = await startHarness({ clock });
    try {
      const operator = await h.token('operator');
      const jpeg = await noisyJpeg(64, 64);
      const { upload, target } = await requestUpload(h, operator, jpegRequest(jpeg));
      clock.advance((Date.parse(target.expiresAt) - Date.now()) / 1000 + 1);
      const res = await putToTarget(target, jpeg);
      await expectError(res, 403, 'UPLOAD.TARGET_EXPIRED');
      expect(await h.system.uploads.sweepNow()).toMatchObject({ expired: 0 });
      clock.advance(900);
      expect(await h.system.uploads.sweepNow()).toMatchObject({ expired: 1 });
      await h.settle();
      const view = await (await h.api(`/uploads/${upload.intentId}`, { token: operator })).json();
      expect(view).toMatchObject({ status: 'expired', reason: { code: 'UPLOAD.EXPIRED' } });
    } finally {
      await h.stop();
    }
  });
});

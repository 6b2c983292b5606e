import sharp from 'sharp';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { gpsTags, phoneJpeg } from '@photo/shared/testing/exif-images';
import { verifyWebhook } from '@photo/shared/security/webhook-signature';
import { MODES, startHarness, type Harness } from './harness';
import { createParticipant, type CreatedParticipant } from './support';
import {
  getUpload,
  keysUnder,
  putToTarget,
  readEvents,
  requestUpload,
  sha256,
  startWebhookReceiver,
  waitForUpload,
} from './upload-support';

/** A 12 MP-shaped phone photo would be slow here; 1200 x 900 stored rotated (EXIF 6) shows the same behaviour. */
const WIDTH = 1200;
const HEIGHT = 900;

describe.each(MODES)('direct upload: target → PUT → pipeline → ready (%s)', (mode) => {
  let h: Harness;
  let staff: string;
  let operator: string;
  let alice: CreatedParticipant;
  let photo: Buffer;
  let hooks: Awaited<ReturnType<typeof startWebhookReceiver>>;

  beforeAll(async () => {
    hooks = await startWebhookReceiver({ failFirst: 1 });
    h = await startHarness({ mode, env: { UPLOAD_CALLBACK_ALLOW_INSECURE: 'true' } });
    [staff, operator] = await Promise.all([h.token('staff'), h.token('operator')]);
    alice = await createParticipant(h, operator, 'Alice');
    photo = await phoneJpeg(WIDTH, HEIGHT, { orientation: 6 });
  });
  afterAll(async () => {
    await h.stop();
    await hooks.close();
  });

  // Nine renditions (three sizes, three formats, AVIF among them) are encoded while this test waits: on a busy
  // 2-core machine that alone has taken close to half a minute, so it has more than the default 30 s.
  it('when staff upload a participant photo through a signed target, then every size is served by one-time URL without GPS', async () => {
    const { upload, target, callbackSecret } = await requestUpload(h, staff, {
      fileName: 'IMG_0001.jpg',
      contentType: 'image/jpeg',
      size: photo.length,
      sha256: sha256(photo),
      purpose: 'participant-photo',
      visitorId: alice.participant.visitorId,
      callbackUrl: hooks.url,
    });
    expect(upload).toMatchObject({ status: 'pending', imageId: alice.participant.photoImageId });
    expect(target.method).toBe('PUT');
    expect(target.headers['Content-Type']).toBe('image/jpeg');
    // The expiry is sized to the upload: base 120 s + size / 64 KiB/s, not a fixed minute.
    const lifetime = (Date.parse(target.expiresAt) - Date.now()) / 1000;
    expect(lifetime).toBeGreaterThan(120);
    expect(lifetime).toBeLessThanOrEqual(120 + Math.ceil(photo.length / 65536) + 1);

    // The participant listens on their stream while staff upload.
    const stream = await h.api('/me/updates/stream', { token: alice.participantToken });
    expect(stream.status).toBe(200);
    const streamed = readEvents(stream, (events) =>
      events.some((e) => e.event === 'upload' && JSON.parse(e.data).status === 'ready'),
    );

    const put = await putToTarget(target, photo);
    expect(put.status, await put.text()).toBe(200);
    const ready = await waitForUpload(h, staff, upload.intentId);
    expect(ready.status).toBe('ready');
    expect(Object.keys(ready.steps)).toEqual(['verify', 'metadata', 'derivatives', 'handoff', 'record']);
    for (const step of Object.values(ready.steps)) {
      expect(step).toMatchObject({ status: 'done', attempts: 1, error: null });
      expect(step.durationMs).toBeGreaterThanOrEqual(0);
    }
    expect(ready.metadata).toMatchObject({
      width: HEIGHT,
      height: WIDTH,
      format: 'jpeg',
      orientation: 6,
      capturedAt: '2025-05-01T10:20:30',
      cameraMake: 'Acme',
      cameraModel: 'Phone 12',
      hadGps: true,
    });
    expect(ready.result).toEqual({ imageId: alice.participant.photoImageId, version: 1 });

    // 3 sizes x 3 formats, auto-oriented (portrait), never enlarged (2048 stays 900 x 1200).
    const expected: Record<number, [number, number]> = {
      256: [192, 256],
      1024: [768, 1024],
      2048: [900, 1200],
    };
    expect(ready.derivatives).toHaveLength(9);
    for (const d of ready.derivatives) {
      expect([d.width, d.height], d.variant).toEqual(expected[d.maxSide]);
      const link = await h.api(`/images/${ready.imageId}/url`, {
        method: 'POST',
        token: staff,
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ variant: d.variant }),
      });
      expect(link.status, d.variant).toBe(201);
      const { url } = (await link.json()) as { url: string };
      const res = await fetch(url);
      expect(res.status).toBe(200);
      expect(res.headers.get('content-type')).toBe(d.contentType);
      expect(res.headers.get('x-content-type-options')).toBe('nosniff');
      const bytes = Buffer.from(await res.arrayBuffer());
      expect(bytes.length).toBe(d.bytes);
      const meta = await sharp(bytes).metadata();
      expect([meta.width, meta.height], d.variant).toEqual(expected[d.maxSide]);
      expect(meta.format).toBe(d.format === 'avif' ? 'heif' : d.format);
      expect(await gpsTags(bytes), d.variant).toBeNull();
      expect(meta.orientation ?? 1).toBe(1);
      // A one-time URL is one time.
      expect((await fetch(url)).status).toBe(410);
    }
    // Derivatives live outside uploads/, and the upload itself is gone once its bytes are a version.
    expect(await keysUnder(h, `derived/uploads/${upload.intentId}/`)).toHaveLength(9);
    expect(await keysUnder(h, `uploads/${upload.intentId}`)).toEqual([]);

    // The colour pipeline took it from there: the photo version was clustered.
    const image = (await (await h.api(`/images/${ready.imageId}`, { token: operator })).json()) as {
      image: { status: string; currentVersion: number };
    };
    expect(image.image).toMatchObject({ currentVersion: 1, status: 'clustered' });

    // The participant saw it on their stream; the webhook arrived (after one 503, retried) signed.
    const events = await streamed;
    expect(events.filter((e) => e.event === 'upload').map((e) => JSON.parse(e.data).status)).toContain(
      'ready',
    );
    expect(hooks.received.length).toBe(2);
    const last = hooks.received.at(-1)!;
    expect(
      verifyWebhook(callbackSecret!, last.body, String(last.headers['x-upload-signature']), new Date()),
    ).toBe(true);
    expect(JSON.parse(last.body)).toMatchObject({
      type: 'upload.ready',
      upload: { intentId: upload.intentId },
    });
    await h.settle();
    expect((await getUpload(h, staff, upload.intentId)).callback).toMatchObject({
      state: 'delivered',
      attempts: 2,
    });
  }, 120_000);

  it('when a participant uploads their own photo and polls, then the ETag answers 304 until it changes; staff can follow it on SSE', async () => {
    const bob = await createParticipant(h, operator, 'Bob');
    const small = await phoneJpeg(320, 240);
    const { upload, target } = await requestUpload(h, bob.participantToken, {
      fileName: 'me.jpg',
      contentType: 'image/jpeg',
      size: small.length,
      purpose: 'participant-photo',
    });
    const first = await h.api(`/uploads/${upload.intentId}`, { token: bob.participantToken });
    const etag = first.headers.get('etag')!;
    expect(etag).toBe(`"${upload.intentId}.1"`);
    const again = await h.api(`/uploads/${upload.intentId}`, {
      token: bob.participantToken,
      headers: { 'if-none-match': etag },
    });
    expect(again.status).toBe(304);
    // Nobody else's participant token sees it.
    expect((await h.api(`/uploads/${upload.intentId}`, { token: alice.participantToken })).status).toBe(404);

    const events = await h.api(`/uploads/${upload.intentId}/events`, { token: staff });
    expect(events.headers.get('content-type')).toMatch(/^text\/event-stream/);
    const seen = readEvents(events, () => false);
    expect((await putToTarget(target, small)).status).toBe(200);
    const statuses = (await seen).map((e) => JSON.parse(e.data).status as string);
    expect(statuses[0]).toBe('pending');
    expect(statuses.at(-1)).toBe('ready');

    const changed = await h.api(`/uploads/${upload.intentId}`, {
      token: bob.participantToken,
      headers: { 'if-none-match': etag },
    });
    expect(changed.status).toBe(200);
    expect(changed.headers.get('etag')).not.toBe(etag);
  });

  it('when an operator uploads an event image, then a new event image is made from it', async () => {
    const png = await sharp({ create: { width: 300, height: 200, channels: 3, background: '#3366cc' } })
      .png()
      .toBuffer();
    const { upload, target } = await requestUpload(h, operator, {
      fileName: 'stage.png',
      contentType: 'image/png',
      size: png.length,
      purpose: 'event',
    });
    expect((await putToTarget(target, png)).status).toBe(200);
    const ready = await waitForUpload(h, operator, upload.intentId);
    expect(ready).toMatchObject({ status: 'ready', result: { imageId: upload.imageId, version: 1 } });
    // 256 shrinks it; 1024 and 2048 never enlarge it.
    for (const d of ready.derivatives)
      expect(`${d.width}x${d.height}`).toBe(d.maxSide === 256 ? '256x171' : '300x200');
    const image = (await (await h.api(`/images/${upload.imageId}`, { token: operator })).json()) as {
      image: { kind: string };
      variants: { variant: string }[];
    };
    expect(image.image.kind).toBe('event');
    expect(image.variants.map((v) => v.variant)).toEqual(
      expect.arrayContaining(['original', 'r256-webp', 'r2048-avif']),
    );
  });
});

import { request } from 'node:http';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { noisyJpeg } from '@photo/shared/testing/images';
import { startHarness, type Harness } from './harness';
import { expectError } from './support';

describe("the backend's upload relay: one slot and no queue", () => {
  let h: Harness;
  let operator: string;
  let jpeg: Buffer;

  beforeAll(async () => {
    h = await startHarness({
      env: {
        UPLOAD_RELAY_SLOTS: '1',
        UPLOAD_RELAY_QUEUE: '0',
        RATE_UPLOADS_PER_MINUTE: '0',
        RATE_UPLOADS_PER_ADDRESS_PER_MINUTE: '0',
      },
    });
    operator = await h.token('operator');
    jpeg = await noisyJpeg(320, 240, 7);
  });
  afterAll(() => h.stop());

  const post = (key: string, body: BodyInit) =>
    h.api('/images', {
      method: 'POST',
      token: operator,
      headers: { 'content-type': 'image/jpeg', 'idempotency-key': key },
      body,
    });

  it('when an upload holds the slot, then the next is refused at once with 503 and Retry-After, and its retry with the same key stores it exactly once', async () => {
    // The first upload sends half its bytes and holds the slot until it sends the rest.
    const half = jpeg.length >> 1;
    const slow = request(`${h.system.urls.backend}/images`, {
      method: 'POST',
      headers: {
        authorization: `Bearer ${operator}`,
        'content-type': 'image/jpeg',
        'content-length': String(jpeg.length),
        'idempotency-key': 'relay-first-0001',
      },
    });
    const first = new Promise<number>((resolve, reject) => {
      slow.on('response', (res) => (res.resume(), resolve(res.statusCode!)));
      slow.on('error', reject);
    });
    slow.write(jpeg.subarray(0, half));
    // Until the first holds the slot, a probe may still get it: probe until one is refused (on a busy machine the
    // first may take a while to reach the relay).
    let refused: { key: string; res: Response } | null = null;
    let stored = 1;
    const deadline = Date.now() + 30_000;
    for (let i = 0; Date.now() < deadline && !refused; i++) {
      const key = `relay-probe-${String(i).padStart(4, '0')}`;
      const res = await post(key, new Uint8Array(jpeg));
      if (res.status === 503) refused = { key, res };
      else {
        expect(res.status).toBe(201);
        stored++;
      }
    }
    expect(refused).not.toBeNull();
    expect(refused!.res.headers.get('retry-after')).toBe('5');
    const body = await expectError(refused!.res, 503, 'SERVICE.UNAVAILABLE');
    expect(body.message).toMatch(/busy/);

    slow.end(jpeg.subarray(half));
    expect(await first).toBe(201);
    // The refusal stored nothing: its retry creates the image, and a second retry finds it.
    const again = await post(refused!.key, new Uint8Array(jpeg));
    expect(again.status).toBe(201);
    const replay = await post(refused!.key, new Uint8Array(jpeg));
    expect(replay.status).toBe(200);
    const imageId = (res: unknown) => (res as { images: { imageId: string }[] }).images[0]!.imageId;
    expect(imageId(await replay.json())).toBe(imageId(await again.json()));
    const listed = (await (await h.api('/images?kind=event', { token: operator })).json()) as {
      items: unknown[];
    };
    expect(listed.items).toHaveLength(stored + 1);
  }, 90_000);
});

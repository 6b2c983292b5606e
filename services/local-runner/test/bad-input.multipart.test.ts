import { request } from 'node:http';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { noisyJpeg } from '@photo/shared/testing/images';
import { startHarness, type Harness } from './harness';
import { expectError, listFiles } from './support';

const BOUNDARY = 'xYzBoundary42';

/** The opening of a form's file part; what follows is the file's bytes and, in a whole form, the closing boundary. */
const partHead = (name = 'a.jpg') =>
  Buffer.from(
    `--${BOUNDARY}\r\nContent-Disposition: form-data; name="file"; filename="${name}"\r\n` +
      `Content-Type: image/jpeg\r\n\r\n`,
  );
const closing = Buffer.from(`\r\n--${BOUNDARY}--\r\n`);

/** A body sent as a stream, so it goes out with chunked transfer encoding and no Content-Length. */
const chunked = (...parts: Buffer[]) =>
  new ReadableStream<Uint8Array>({
    start(controller) {
      for (const part of parts) controller.enqueue(new Uint8Array(part));
      controller.close();
    },
  });

describe('malformed multipart uploads to POST /images', () => {
  let h: Harness;
  let operator: string;
  let jpeg: Buffer;

  beforeAll(async () => {
    h = await startHarness();
    operator = await h.token('operator');
    jpeg = await noisyJpeg(320, 240, 3);
  });
  afterAll(() => h.stop());

  const post = (body: BodyInit, contentType = `multipart/form-data; boundary=${BOUNDARY}`) =>
    h.api('/images', {
      method: 'POST',
      token: operator,
      headers: { 'content-type': contentType },
      body,
      ...(body instanceof ReadableStream ? { duplex: 'half' } : {}),
    } as RequestInit);

  /** The system still answers, stored no image and left no temp file. */
  async function expectHealthyAndNothingStored() {
    expect((await h.api('/healthz')).status).toBe(200);
    const listed = await h.api('/images', { token: operator });
    expect(((await listed.json()) as { items: unknown[] }).items).toEqual([]);
    expect(await listFiles(join(h.dataDir, 'buckets', 'images'))).toEqual([]);
    expect(await listFiles(join(h.dataDir, 'tmp'))).toEqual([]);
  }

  it('when the last part is never closed, then 400 REQUEST.INVALID and the system keeps serving', async () => {
    const body = Buffer.concat([partHead(), jpeg]);
    await expectError(await post(new Uint8Array(body)), 400, 'REQUEST.INVALID');
    await expectHealthyAndNothingStored();
  });

  it('when half a JPEG arrives without a closing boundary, then 400 REQUEST.INVALID and the system keeps serving', async () => {
    const body = Buffer.concat([partHead(), jpeg.subarray(0, jpeg.length >> 1)]);
    await expectError(await post(new Uint8Array(body)), 400, 'REQUEST.INVALID');
    await expectHealthyAndNothingStored();
  });

  it('when an unterminated part comes with chunked transfer encoding, then 400 REQUEST.INVALID, never a 5xx', async () => {
    for (let i = 0; i < 5; i++) {
      const half = jpeg.subarray(0, (jpeg.length * (i + 1)) / 6);
      await expectError(await post(chunked(partHead(), half)), 400, 'REQUEST.INVALID');
    }
    await expectHealthyAndNothingStored();
  });

  it('when multipart/form-data has no boundary, then 400 REQUEST.INVALID', async () => {
    const body = new Uint8Array(Buffer.concat([partHead(), jpeg, closing]));
    await expectError(await post(body, 'multipart/form-data'), 400, 'REQUEST.INVALID');
    await expectError(await post(body, 'multipart/form-data; boundary='), 400, 'REQUEST.INVALID');
    await expectHealthyAndNothingStored();
  });

  it('when the client goes away in the middle of a part, then the system keeps serving and keeps nothing', async () => {
    for (const transfer of ['length', 'chunked'] as const) {
      await new Promise<void>((resolve) => {
        const url = new URL(`${h.system.urls.backend}/images`);
        const req = request(url, {
          method: 'POST',
          headers: {
            authorization: `Bearer ${operator}`,
            'content-type': `multipart/form-data; boundary=${BOUNDARY}`,
            ...(transfer === 'length' ? { 'content-length': String(partHead().length + jpeg.length) } : {}),
          },
        });
        req.on('error', () => resolve());
        req.on('response', (res) => {
          res.resume();
          resolve();
        });
        req.write(partHead());
        req.write(jpeg.subarray(0, jpeg.length >> 1), () => setTimeout(() => req.destroy(), 50));
      });
    }
    await new Promise((resolve) => setTimeout(resolve, 200));
    await expectHealthyAndNothingStored();
  });

  it('when the first file of a form is refused, then its code is the answer and the rest of the form is dropped', async () => {
    const broken = jpeg.subarray(0, jpeg.length >> 1);
    const many = [partHead('bad.jpg'), broken];
    for (let i = 0; i < 20; i++) many.push(Buffer.from('\r\n'), partHead(`${i}.jpg`), jpeg);
    many.push(closing);
    await expectError(await post(new Uint8Array(Buffer.concat(many))), 422, 'IMAGE.INVALID');
    await expectError(await post(chunked(...many)), 422, 'IMAGE.INVALID');
    await expectHealthyAndNothingStored();
  });

  it('when a whole image is followed by an unterminated second part, then 400 REQUEST.INVALID and the system keeps serving', async () => {
    const body = Buffer.concat([partHead('a.jpg'), jpeg, Buffer.from('\r\n'), partHead('b.jpg'), jpeg]);
    await expectError(await post(chunked(body)), 400, 'REQUEST.INVALID');
    expect((await h.api('/healthz')).status).toBe(200);
    // No spooled upload is left behind (the colour pipeline's own temp files for the first image may be).
    const spooled = (await listFiles(join(h.dataDir, 'tmp'))).filter((f) => /(^|\/)upload-/.test(f));
    expect(spooled).toEqual([]);
  });

  it('when a well-formed form follows the bad ones, then its image is stored', async () => {
    const body = new Uint8Array(Buffer.concat([partHead(), jpeg, closing]));
    const res = await post(body);
    expect(res.status).toBe(201);
    expect(((await res.json()) as { images: unknown[] }).images).toHaveLength(1);
  });
});

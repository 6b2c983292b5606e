import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { Readable } from 'node:stream';
import { setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';
import { afterEach, describe, expect, it } from 'vitest';
import { HttpImageServerClient } from './image-server-client.http';

const VERSION = {
  image: { imageId: 'img_00000000000000000001', status: 'uploaded' },
  variant: { version: 1, bytes: 3, width: 1, height: 1, contentType: 'image/jpeg' },
};

/** An image server that reads each body whole, waits `delayMs`, then answers `status` with `body` and `headers`. */
async function imageServer(answer: { delayMs?: number; status: number; body: unknown; headers?: object }) {
  const server: Server = createServer((req, res) => {
    req.resume();
    req.on('end', () =>
      setTimeout(() => {
        res.writeHead(answer.status, { 'content-type': 'application/json', ...answer.headers });
        res.end(JSON.stringify(answer.body));
      }, answer.delayMs ?? 0),
    );
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return { server, url: `http://127.0.0.1:${(server.address() as AddressInfo).port}` };
}

const upload = (client: HttpImageServerClient, body: Readable = Readable.from([Buffer.from('abc')])) =>
  client.uploadVersion({
    imageId: 'img_00000000000000000001',
    kind: 'event',
    ownerVisitorId: null,
    expectedVersion: 0,
    idempotencyKey: null,
    contentType: 'image/jpeg',
    body,
  });

describe('HttpImageServerClient', () => {
  let server: Server | null = null;
  afterEach(async () => {
    await new Promise((resolve) => server?.close(resolve) ?? resolve(undefined));
    server = null;
  });
  const client = (url: string, timeouts?: { callMs: number; uploadMs: number }) =>
    new HttpImageServerClient(url, url, { tokenFor: async () => 'token' }, timeouts);

  it('when every upload slot is busy (503 with Retry-After), then the upload fails with that 503 and its retry delay, not a 502', async () => {
    const busy = await imageServer({
      status: 503,
      headers: { 'retry-after': '5' },
      body: { error: { code: 'SERVICE.UNAVAILABLE', message: 'Every upload slot stayed busy: try again.' } },
    });
    server = busy.server;
    await expect(upload(client(busy.url))).rejects.toMatchObject({
      code: 'SERVICE.UNAVAILABLE',
      status: 503,
      details: { retryAfterSeconds: 5 },
    });
  });

  it('when the image server fails otherwise (500), then the upload fails 502 DEPENDENCY.FAILED', async () => {
    const broken = await imageServer({ status: 500, body: { error: { code: 'INTERNAL', message: 'boom' } } });
    server = broken.server;
    await expect(upload(client(broken.url))).rejects.toMatchObject({
      code: 'DEPENDENCY.FAILED',
      status: 502,
    });
  });

  it('when an upload is answered after the other calls would have given up, then it still succeeds: uploads may wait for a spool slot', async () => {
    const slow = await imageServer({ delayMs: 400, status: 201, body: VERSION });
    server = slow.server;
    const timeouts = { callMs: 100, uploadMs: 5_000 };
    await expect(upload(client(slow.url, timeouts))).resolves.toMatchObject({ version: 1, created: true });
    await expect(
      client(slow.url, timeouts).issueLink('img_00000000000000000001', null),
    ).rejects.toMatchObject({
      code: 'DEPENDENCY.FAILED',
    });
  });

  it('when the image server has read an upload but not answered yet, then the client holds none of its bytes', async () => {
    const chunk = 64 * 1024;
    const chunks = 256; // 16 MB
    let received = 0;
    let answer: () => void = () => undefined;
    const answered = new Promise<void>((resolve) => (answer = resolve));
    let allRead: () => void = () => undefined;
    const read = new Promise<void>((resolve) => (allRead = resolve));
    server = createServer((req, res) => {
      req.on('data', (data: Buffer) => (received += data.length));
      req.on('end', () => {
        allRead();
        void answered.then(() => {
          res.writeHead(201, { 'content-type': 'application/json' });
          res.end(JSON.stringify(VERSION));
        });
      });
    });
    await new Promise<void>((resolve) => server!.listen(0, '127.0.0.1', resolve));
    const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
    setFlagsFromString('--expose-gc');
    const expose = runInNewContext('gc') as () => void;
    // V8 frees ArrayBuffer backing stores on a background sweep after the collection: give it a moment.
    const gc = async () => {
      expose();
      await new Promise((resolve) => setTimeout(resolve, 50));
      expose();
    };
    await gc();
    const before = process.memoryUsage().arrayBuffers;

    let sent = 0;
    const body = new Readable({
      read() {
        this.push(sent++ < chunks ? Buffer.alloc(chunk, sent) : null);
      },
    });
    const uploading = upload(client(url), body);
    await read;
    await gc();
    const held = process.memoryUsage().arrayBuffers - before;
    answer();
    await expect(uploading).resolves.toMatchObject({ version: 1 });
    expect(received).toBe(chunk * chunks);
    expect(held).toBeLessThan(2 * 1024 * 1024);
  });
});

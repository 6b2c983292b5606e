import express, { type Response } from 'express';
import { once } from 'node:events';
import { request, type IncomingMessage, type Server } from 'node:http';
import { connect, type AddressInfo } from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import { openSse, type SseOptions } from './sse';
import { UpdateHub } from './update-hub';

const KEY = 'v_stream';
let server: Server | null = null;
let hub: UpdateHub;
let opened: Response[] = [];

/** Serves one SSE route on port 0 with `rounds`; the client's Last-Event-ID is echoed in an `opened` event. */
async function serve(
  rounds: SseOptions['rounds'],
  timings = { streamRecheckMs: 60_000, streamHeartbeatMs: 60_000 },
) {
  hub = new UpdateHub();
  opened = [];
  const app = express();
  app.get('/stream', async (req, res) => {
    opened.push(res);
    const resumeFrom = req.get('last-event-id') ?? null;
    await openSse(req, res, {
      hub,
      key: KEY,
      rounds: {
        ...rounds,
        notification: async (write) => void write({ event: 'opened', data: { resumeFrom } }),
      },
      ...timings,
    });
  });
  server = app.listen(0, '127.0.0.1');
  await once(server, 'listening');
  return (server.address() as AddressInfo).port;
}

afterEach(async () => {
  hub?.drain();
  server?.closeAllConnections();
  server?.close();
  server = null;
});

/** Opens the stream; `text()` is what arrived so far, `ended` resolves when the server ends it. */
async function open(port: number, headers: Record<string, string> = {}) {
  const res = await new Promise<IncomingMessage>((resolve, reject) =>
    request({ port, host: '127.0.0.1', path: '/stream', headers }, resolve).on('error', reject).end(),
  );
  let text = '';
  res.setEncoding('utf8').on('data', (chunk: string) => (text += chunk));
  const ended = new Promise<'ended' | 'aborted'>((resolve) => {
    res.on('end', () => resolve('ended'));
    res.on('aborted', () => resolve('aborted'));
    res.on('error', () => resolve('aborted'));
  });
  return { res, text: () => text, ended };
}

async function until(probe: () => boolean, timeoutMs = 5000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!probe()) {
    if (Date.now() > deadline) throw new Error('timed out waiting');
    await new Promise((r) => setTimeout(r, 10));
  }
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

describe('the SSE engine', () => {
  it('when a stream opens, then it starts with retry, runs each round and hands the rounds the Last-Event-ID', async () => {
    const port = await serve({
      update: async (write) => void write({ event: 'update', id: 'c1', data: { n: 1 } }),
    });

    const stream = await open(port, { 'last-event-id': 'c0' });

    expect(stream.res.headers['content-type']).toBe('text/event-stream; charset=utf-8');
    await until(() => stream.text().includes('event: opened'));
    expect(stream.text()).toMatch(/^retry: 3000\n\n/);
    expect(stream.text()).toContain('id: c1\nevent: update\ndata: {"n":1}\n\n');
    expect(stream.text()).toContain('data: {"resumeFrom":"c0"}');
  });

  it('when woken during a round, then exactly one more round follows and rounds of a kind never overlap', async () => {
    let running = 0;
    let maxRunning = 0;
    let rounds = 0;
    let release!: () => void;
    const gate = new Promise<void>((r) => (release = r));
    const port = await serve({
      update: async () => {
        running++;
        maxRunning = Math.max(maxRunning, running);
        rounds++;
        if (rounds === 1) await gate;
        running--;
      },
    });
    await open(port);
    await until(() => rounds === 1);

    for (let i = 0; i < 3; i++) hub.notify(KEY, 'update');
    release();

    await until(() => rounds === 2);
    await sleep(50);
    expect(rounds).toBe(2);
    expect(maxRunning).toBe(1);
  });

  it('when a round reads a full page, then another runs at once; when a round fails, then the stream ends', async () => {
    let rounds = 0;
    const port = await serve({
      update: async () => ++rounds < 3,
      upload: async () => {
        throw new Error('store down');
      },
    });

    const stream = await open(port);

    await until(() => rounds === 3);
    expect(await stream.ended).toBe('aborted');
  });

  it('when the hub drains, then every open stream ends, and a stream opened after that ends at once', async () => {
    const port = await serve({ update: async () => undefined });
    const streams = [await open(port), await open(port)];
    await until(() => hub.connections === 2);

    hub.drain();

    expect(await Promise.all(streams.map((s) => s.ended))).toEqual(['ended', 'ended']);
    expect(await (await open(port)).ended).toBe('ended');
    await until(() => hub.connections === 0);
  });

  it('when the stream is idle, then a keep-alive comment arrives each heartbeat and each recheck runs the rounds again', async () => {
    let rounds = 0;
    const port = await serve(
      {
        update: async () => void rounds++,
      },
      { streamRecheckMs: 30, streamHeartbeatMs: 30 },
    );

    const stream = await open(port);

    await until(() => stream.text().split(': keep-alive').length > 2 && rounds > 2);
  });

  it('when a client stops reading, then no round runs until it drains, so the server holds at most a page', async () => {
    const page = 'x'.repeat(64 * 1024);
    let rounds = 0;
    const port = await serve({
      // Every round is a full page: only back-pressure stops the loop.
      update: async (write) => {
        rounds++;
        write({ event: 'page', data: page });
        return true;
      },
    });
    const socket = connect(port, '127.0.0.1');
    await once(socket, 'connect');
    socket.write('GET /stream HTTP/1.1\r\nHost: x\r\n\r\n');
    socket.pause();

    await until(() => opened.length === 1 && opened[0]!.writableNeedDrain);
    const stalled = rounds;
    await sleep(200);
    expect(rounds).toBe(stalled);
    hub.notify(KEY, 'update');
    await sleep(50);
    expect(rounds).toBe(stalled);
    expect(opened[0]!.writableLength).toBeLessThan(page.length * 2 + 64 * 1024);

    socket.resume();
    await until(() => rounds > stalled);
    socket.destroy();
  });

  it('when the client hangs up, then the stream leaves no subscription behind', async () => {
    const port = await serve({ update: async () => undefined });
    const stream = await open(port);
    await until(() => hub.connections === 1);

    stream.res.destroy();

    await until(() => hub.connections === 0);
  });
});

import { createServer, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { Writable } from 'node:stream';
import pino from 'pino';
import { afterEach, describe, expect, it } from 'vitest';
import { errors } from '../errors/errors';
import { plainContext } from './plain-context';

/** A logger whose lines are kept, parsed, in `lines`. */
function capturingLogger(level: string) {
  const lines: Record<string, unknown>[] = [];
  const sink = new Writable({
    write(chunk: Buffer, _encoding, done) {
      lines.push(JSON.parse(chunk.toString('utf8')) as Record<string, unknown>);
      done();
    },
  });
  return { logger: pino({ level }, sink), lines };
}

describe("a plain answer's context", () => {
  let server: Server | null = null;
  afterEach(() => new Promise<void>((resolve) => (server ? server.close(() => resolve()) : resolve())));

  async function serve(
    level: string,
    answer: (ctx: ReturnType<typeof plainContext>, res: ServerResponse) => void,
  ) {
    const captured = capturingLogger(level);
    server = createServer((req, res) => {
      const ctx = plainContext(req, res, {
        logger: captured.logger,
        projectId: 'proj',
        appOrigins: [],
        origins: new Set(),
      });
      answer(ctx, res);
    });
    await new Promise<void>((resolve) => server!.listen(0, '127.0.0.1', resolve));
    const { port } = server.address() as AddressInfo;
    return { url: `http://127.0.0.1:${port}/i/x?q=1`, lines: captured.lines };
  }

  it('when an answer is sent, then one request line carries its id, trace and status', async () => {
    const { url, lines } = await serve('info', (_ctx, res) => res.writeHead(200).end('ok'));
    const res = await fetch(url, {
      headers: { 'x-request-id': 'req-1', 'x-cloud-trace-context': 'abc/1;o=1' },
    });
    expect(res.headers.get('x-request-id')).toBe('req-1');
    await expect.poll(() => lines.length).toBe(1);
    expect(lines[0]).toMatchObject({
      msg: 'request',
      requestId: 'req-1',
      'logging.googleapis.com/trace': 'projects/proj/traces/abc',
      httpRequest: { requestMethod: 'GET', requestUrl: '/i/x', status: 200 },
    });
  });

  it('when an error is rendered, then its line and the request line both carry the request id, once each', async () => {
    const { url, lines } = await serve('info', (ctx) => ctx.fail(errors.tokenUsed()));
    const res = await fetch(url, { headers: { 'x-request-id': 'req-2' } });
    expect(res.status).toBe(410);
    await expect.poll(() => lines.length).toBe(2);
    expect(lines.map((l) => [l.requestId, l.msg === 'request'])).toEqual([
      ['req-2', false],
      ['req-2', true],
    ]);
  });

  it('when info is not logged, then no request line is written', async () => {
    const { url, lines } = await serve('warn', (_ctx, res) => res.writeHead(204).end());
    expect((await fetch(url)).status).toBe(204);
    await new Promise((resolve) => setTimeout(resolve, 50));
    expect(lines).toEqual([]);
  });
});

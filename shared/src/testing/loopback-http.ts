import { createServer, type IncomingMessage, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';

export interface RecordedRequest {
  method: string;
  path: string;
  headers: IncomingMessage['headers'];
  body: Buffer;
}

export type Reply = { status: number; body?: string; headers?: Record<string, string> };

/**
 * A real HTTP server on 127.0.0.1 that records every request and answers with what `reply` says (a test swaps it
 * to make the service fail). `next()` waits for the next request rather than sleeping.
 */
export class LoopbackHttpServer {
  readonly requests: RecordedRequest[] = [];
  reply: (request: RecordedRequest) => Reply = () => ({ status: 201 });
  private readonly server: Server;
  private waiters: { count: number; resolve: () => void }[] = [];
  url = '';

  constructor() {
    this.server = createServer((req, res) => {
      const chunks: Buffer[] = [];
      req.on('data', (c: Buffer) => chunks.push(c));
      req.on('end', () => {
        const recorded: RecordedRequest = {
          method: req.method ?? '',
          path: req.url ?? '',
          headers: req.headers,
          body: Buffer.concat(chunks),
        };
        this.requests.push(recorded);
        const answer = this.reply(recorded);
        res
          .writeHead(answer.status, answer.headers ?? { 'content-type': 'application/json' })
          .end(answer.body ?? '');
        this.waiters = this.waiters.filter((w) =>
          this.requests.length >= w.count ? (w.resolve(), false) : true,
        );
      });
    });
  }

  async start(): Promise<this> {
    await new Promise<void>((resolve) => this.server.listen(0, '127.0.0.1', resolve));
    this.url = `http://127.0.0.1:${(this.server.address() as AddressInfo).port}`;
    return this;
  }

  /** Resolves once at least `count` requests have arrived in all (default: one more than now). */
  waitFor(count = this.requests.length + 1, timeoutMs = 15_000): Promise<void> {
    if (this.requests.length >= count) return Promise.resolve();
    return new Promise((resolve, reject) => {
      const timer = setTimeout(
        () => reject(new Error(`expected ${count} requests, got ${this.requests.length}`)),
        timeoutMs,
      );
      this.waiters.push({ count, resolve: () => (clearTimeout(timer), resolve()) });
    });
  }

  async stop(): Promise<void> {
    this.server.closeAllConnections();
    await new Promise<void>((resolve) => this.server.close(() => resolve()));
  }
}

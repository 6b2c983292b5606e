import type { Express } from 'express';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Logger } from './logger';

export interface RunningServer {
  url: string;
  port: number;
  server: Server;
  /**
   * Stops accepting connections, lets in-flight requests finish (up to `graceMs`), then resolves. Keep-alive
   * connections close as soon as they are idle, so a drain ends when the work does, not when the grace runs out.
   */
  close(graceMs?: number): Promise<void>;
}

/**
 * Listens on `port` (0: any free port, as tests do) and reports the URL. The app may be built from the URL, for a
 * service that must know its own address (the image server puts it in its one-time links).
 */
export async function startServer(
  app: Express | { build: (url: string) => Express },
  options: { port: number; host: string; logger: Logger; name: string },
): Promise<RunningServer> {
  const server = createServer();
  // Cloud Run's front end keeps connections open for 10 minutes; outlive its idle timeout so it closes first.
  server.keepAliveTimeout = 620_000;
  server.headersTimeout = 621_000;
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port, options.host, () => resolve());
  });
  const { port } = server.address() as AddressInfo;
  const host = options.host === '0.0.0.0' || options.host === '::' ? '127.0.0.1' : options.host;
  const url = `http://${host.includes(':') ? `[${host}]` : host}:${port}`;
  const handler = 'build' in app ? app.build(url) : app;
  let closing = false;
  const open = new Set<ServerResponse>();
  server.on('request', (req: IncomingMessage, res: ServerResponse) => {
    open.add(res);
    res.once('close', () => open.delete(res));
    // A request that arrives on a kept-alive connection during the drain is served, and its connection then closed.
    if (closing) res.setHeader('connection', 'close');
    res.once('finish', () => {
      if (closing) setImmediate(() => server.closeIdleConnections());
    });
    handler(req, res);
  });
  options.logger.info({ url }, `${options.name} listening`);
  return {
    url,
    port,
    server,
    close: (graceMs = 10_000) =>
      new Promise<void>((resolve) => {
        closing = true;
        for (const res of open) if (!res.headersSent) res.setHeader('connection', 'close');
        const force = setTimeout(() => server.closeAllConnections(), graceMs);
        force.unref();
        server.close(() => {
          clearTimeout(force);
          resolve();
        });
        server.closeIdleConnections();
      }),
  };
}

/**
 * A signal this soon after the first is the same request delivered twice (to the whole process group by a terminal or
 * a supervisor, and again by a parent such as npm that forwards it), not a second request.
 */
const SAME_SIGNAL_MS = 1_000;

/**
 * Runs `shutdown` once on SIGTERM or SIGINT (Cloud Run sends SIGTERM, then SIGKILL 10 s later), then exits 0. A second
 * signal (later than a duplicate of the first would arrive) forces the exit at once, with status 1.
 */
export function onShutdownSignal(logger: Logger, shutdown: () => Promise<void>): void {
  let stoppingSince: number | null = null;
  const handler = (signal: string) => {
    if (stoppingSince !== null) {
      if (Date.now() - stoppingSince < SAME_SIGNAL_MS) return;
      logger.warn({ signal }, 'second signal: exiting without finishing the drain');
      process.exit(1);
    }
    stoppingSince = Date.now();
    logger.info({ signal }, 'shutting down: finishing in-flight work');
    shutdown().then(
      () => process.exit(0),
      (err: unknown) => {
        logger.error({ err }, 'shutdown failed');
        process.exit(1);
      },
    );
  };
  process.on('SIGTERM', handler);
  process.on('SIGINT', handler);
}

import type { Express } from 'express';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Logger } from './logger';

export interface RunningServer {
  url: string;
  port: number;
  server: Server;
  /** Stops accepting connections, lets in-flight requests finish (up to `graceMs`), then resolves. */
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
  server.on('request', 'build' in app ? app.build(url) : app);
  options.logger.info({ url }, `${options.name} listening`);
  return {
    url,
    port,
    server,
    close: (graceMs = 10_000) =>
      new Promise<void>((resolve) => {
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

/** Runs `shutdown` once on SIGTERM or SIGINT (Cloud Run sends SIGTERM, then SIGKILL 10 s later). */
export function onShutdownSignal(logger: Logger, shutdown: () => Promise<void>): void {
  let stopping = false;
  const handler = (signal: string) => {
    if (stopping) return;
    stopping = true;
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

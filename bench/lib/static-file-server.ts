import { createReadStream } from 'node:fs';
import { stat } from 'node:fs/promises';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';

/**
 * The anchor: a bare `node:http` server that streams one file from disk on every request with `headers`, as the
 * image server streams a blob. What the machine does for the same bytes with no framework, auth or database.
 */
export async function startStaticFileServer(file: string, headers: Record<string, string>) {
  const { size } = await stat(file);
  const server = createServer((req, res) => {
    if (req.method !== 'GET') {
      res.writeHead(405).end();
      return;
    }
    res.writeHead(200, { ...headers, 'content-length': String(size) });
    const body = createReadStream(file);
    body.on('error', (err) => res.destroy(err));
    body.pipe(res);
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => resolve());
  });
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}/photo.jpg`,
    close: () =>
      new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      }),
  };
}

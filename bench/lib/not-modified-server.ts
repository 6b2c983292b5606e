import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';

/**
 * The anchor of a conditional poll: a bare `node:http` server that answers 304 with `etag` when `If-None-Match`
 * names it, and a small JSON body otherwise. What the machine does for a 304 with no framework, auth or database.
 */
export async function startNotModifiedServer(etag: string) {
  const body = Buffer.from('{"updates":[],"cursor":null}');
  const server = createServer((req, res) => {
    const headers = { etag, 'cache-control': 'private, no-cache' };
    if (req.headers['if-none-match'] === etag) {
      res.writeHead(304, headers).end();
      return;
    }
    res
      .writeHead(200, { ...headers, 'content-type': 'application/json', 'content-length': body.length })
      .end(body);
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => resolve());
  });
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}/me/updates`,
    close: () =>
      new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      }),
  };
}

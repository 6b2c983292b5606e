import { Agent, request } from 'node:http';

export interface ClientResponse {
  status: number;
  /** Bytes of body read (the body is always read to the end). */
  bytes: number;
  /** The body, only when asked for. */
  body: Buffer | null;
}

const REQUEST_TIMEOUT_MS = 10_000;
const LOOPBACK = new Set(['127.0.0.1', 'localhost', '[::1]']);

/**
 * A minimal HTTP/1.1 client over keep-alive sockets: less per-request work than `fetch`, so the driver takes less of
 * the CPU it shares with the servers it measures. Loopback only: a benchmark never sends load off this machine.
 */
export function keepAliveClient(maxSocketsPerHost: number) {
  const agent = new Agent({ keepAlive: true, maxSockets: maxSocketsPerHost });

  return {
    request(
      method: 'GET' | 'POST',
      url: string,
      options: { headers?: Record<string, string>; body?: string; keepBody?: boolean } = {},
    ): Promise<ClientResponse> {
      const target = new URL(url);
      if (!LOOPBACK.has(target.hostname))
        return Promise.reject(new Error(`not a loopback address: ${target.host}`));
      return new Promise((resolve, reject) => {
        const payload = options.body === undefined ? null : Buffer.from(options.body);
        const headers =
          method === 'POST'
            ? { ...options.headers, 'content-length': String(payload?.length ?? 0) }
            : options.headers;
        const req = request(target, { method, agent, headers }, (res) => {
          const chunks: Buffer[] = [];
          let bytes = 0;
          res.on('data', (chunk: Buffer) => {
            bytes += chunk.length;
            if (options.keepBody) chunks.push(chunk);
          });
          res.on('end', () =>
            resolve({
              status: res.statusCode ?? 0,
              bytes,
              body: options.keepBody ? Buffer.concat(chunks) : null,
            }),
          );
          res.on('error', reject);
        });
        req.setTimeout(REQUEST_TIMEOUT_MS, () =>
          req.destroy(new Error(`no answer within ${REQUEST_TIMEOUT_MS} ms`)),
        );
        req.on('error', reject);
        req.end(payload ?? undefined);
      });
    },
    close: () => agent.destroy(),
  };
}

export type KeepAliveClient = ReturnType<typeof keepAliveClient>;

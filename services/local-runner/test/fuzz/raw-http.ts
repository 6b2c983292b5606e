import { request } from 'node:http';

/** What a raw request may do that fetch will not: chunked or lying framing, a body cut off mid-way. */
export interface RawRequest {
  method: string;
  /** Sent as is: no normalisation of `..`, no re-encoding. */
  path: string;
  headers: Record<string, string>;
  body?: Buffer;
  /** Send the body with Transfer-Encoding: chunked in pieces of this size instead of a Content-Length. */
  chunkSize?: number;
  /** Destroy the connection after writing this many body bytes: no answer is expected. */
  abortAfter?: number;
}

export interface RawAnswer {
  status: number;
  headers: Headers;
  body: Buffer;
}

/** Sends one request on its own connection; null when it was aborted on purpose or the connection was closed. */
export function sendRaw(baseUrl: string, req: RawRequest, timeoutMs = 10_000): Promise<RawAnswer | null> {
  const url = new URL(baseUrl);
  return new Promise((resolve, reject) => {
    const body = req.body ?? Buffer.alloc(0);
    const headers: Record<string, string> = { connection: 'close', ...req.headers };
    if (req.chunkSize === undefined && req.abortAfter === undefined && req.body !== undefined)
      headers['content-length'] ??= String(body.length);
    if (req.chunkSize !== undefined) headers['transfer-encoding'] = 'chunked';
    if (req.abortAfter !== undefined && req.chunkSize === undefined)
      headers['content-length'] ??= String(body.length);
    const r = request({
      host: url.hostname,
      port: url.port,
      method: req.method,
      // Bytes Node refuses to put on a request line (spaces, controls, non-ASCII) go percent-encoded.
      path: req.path.replace(/[^\x21-\x7e]/gu, (c) => percentEncoded(c)),
      headers,
      timeout: timeoutMs,
    });
    let aborted = false;
    r.on('timeout', () => r.destroy(new Error(`no answer to ${req.method} ${req.path} in ${timeoutMs} ms`)));
    r.on('error', (err) => {
      if (
        aborted ||
        (err as NodeJS.ErrnoException).code === 'ECONNRESET' ||
        (err as NodeJS.ErrnoException).code === 'EPIPE'
      )
        resolve(null);
      else reject(err);
    });
    r.on('response', (res) => {
      const h = new Headers();
      for (const [k, v] of Object.entries(res.headers)) if (typeof v === 'string') h.set(k, v);
      // An event stream that opened stays open: its status and headers are the answer.
      if ((res.headers['content-type'] ?? '').startsWith('text/event-stream')) {
        r.destroy();
        resolve({ status: res.statusCode ?? 0, headers: h, body: Buffer.alloc(0) });
        return;
      }
      const chunks: Buffer[] = [];
      res.on('data', (c: Buffer) => chunks.push(c));
      res.on('error', () => resolve(null));
      res.on('end', () => {
        resolve({ status: res.statusCode ?? 0, headers: h, body: Buffer.concat(chunks) });
      });
    });
    const limit = req.abortAfter ?? body.length;
    const toSend = body.subarray(0, limit);
    const size = req.chunkSize ?? toSend.length;
    for (let at = 0; at < toSend.length; at += Math.max(1, size))
      r.write(toSend.subarray(at, at + Math.max(1, size)));
    if (req.abortAfter !== undefined) {
      aborted = true;
      // Let the bytes leave, then drop the connection as a client that lost its network would.
      setTimeout(() => {
        r.destroy();
        resolve(null);
      }, 5);
      return;
    }
    r.end();
  });
}

/** A fetch Response of a raw answer, for the response-contract check. */
export const asResponse = (answer: RawAnswer): Response =>
  new Response(answer.status === 204 || answer.status === 304 ? null : new Uint8Array(answer.body), {
    status: answer.status,
    headers: answer.headers,
  });

/** A lone surrogate has no UTF-8 form: it goes as the replacement character, as a browser would send it. */
function percentEncoded(c: string): string {
  try {
    return encodeURIComponent(c);
  } catch {
    return '%EF%BF%BD';
  }
}

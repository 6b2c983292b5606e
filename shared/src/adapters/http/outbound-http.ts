import { lookup as dnsLookup, type LookupAddress } from 'node:dns';
import http, { type IncomingHttpHeaders } from 'node:http';
import https from 'node:https';
import { isIP, type LookupFunction } from 'node:net';
import { refusedRange } from '../../security/address-policy';

/** The resolver the client asks (node's by default; tests give one that answers what they need). */
export type Resolve = (hostname: string) => Promise<LookupAddress[]>;

export interface OutboundPolicy {
  /** Lifts the address rules: only for a development system whose receivers run on this machine. */
  allowPrivate: boolean;
  /** The whole exchange, connect to last byte. */
  timeoutMs: number;
  /** Bytes of the answer kept; the rest is not read. */
  maxResponseBytes: number;
  resolve?: Resolve;
}

export interface OutboundRequest {
  url: string;
  method: string;
  headers: Record<string, string>;
  body?: Buffer | string | null;
}

export interface OutboundResponse {
  status: number;
  headers: IncomingHttpHeaders;
  /** At most maxResponseBytes of the body. */
  body: Buffer;
}

/** The request was not sent: its target is, or resolves to, an address it may not reach. */
export class OutboundRefusedError extends Error {
  override name = 'OutboundRefusedError';
}

const systemResolve: Resolve = (hostname) =>
  new Promise((resolve, reject) =>
    dnsLookup(hostname, { all: true, verbatim: true }, (err, addresses) =>
      err ? reject(err) : resolve(addresses),
    ),
  );

/**
 * The one outbound HTTP client for requests to addresses that callers chose. The host name is resolved when the
 * connection is made, every address it resolves to is checked, and the socket connects to the checked address
 * itself (the lookup the connection uses is this one), so a name that rebinds between a check and the connect
 * cannot swap in an internal address. Literal IPs are checked the same way. Redirects are never followed; the
 * exchange has a deadline and the answer a size cap.
 */
export class OutboundHttpClient {
  private readonly resolve: Resolve;

  constructor(private readonly policy: OutboundPolicy) {
    this.resolve = policy.resolve ?? systemResolve;
  }

  async request(req: OutboundRequest): Promise<OutboundResponse> {
    const url = new URL(req.url);
    if (url.protocol !== 'https:' && url.protocol !== 'http:')
      throw new OutboundRefusedError(`${url.protocol} is not http(s)`);
    const host = url.hostname.replace(/^\[|\]$/g, '');
    if (isIP(host)) this.check(host, host);
    const transport = url.protocol === 'https:' ? https : http;
    return new Promise<OutboundResponse>((resolve, reject) => {
      const outgoing = transport.request(
        url,
        { method: req.method, headers: req.headers, lookup: this.lookup(), agent: false },
        (res) => {
          const chunks: Buffer[] = [];
          let kept = 0;
          const done = () => {
            clearTimeout(timer);
            resolve({ status: res.statusCode ?? 0, headers: res.headers, body: Buffer.concat(chunks) });
          };
          res.on('data', (chunk: Buffer) => {
            const room = this.policy.maxResponseBytes - kept;
            if (room > 0) chunks.push(chunk.subarray(0, room));
            kept += Math.min(room, chunk.length);
            if (kept >= this.policy.maxResponseBytes) {
              res.destroy();
              done();
            }
          });
          res.on('end', done);
          res.on('error', (err) => (kept >= this.policy.maxResponseBytes ? done() : reject(err)));
        },
      );
      const timer = setTimeout(
        () => outgoing.destroy(new Error(`no answer within ${this.policy.timeoutMs} ms`)),
        this.policy.timeoutMs,
      );
      outgoing.on('error', (err) => {
        clearTimeout(timer);
        reject(err);
      });
      outgoing.end(req.body ?? undefined);
    });
  }

  private check(hostname: string, address: string): void {
    if (this.policy.allowPrivate) return;
    const range = refusedRange(address);
    if (range !== null)
      throw new OutboundRefusedError(`${hostname} is (or resolves to) ${address}, a ${range} address`);
  }

  /** net.connect's lookup: resolves, refuses the name if any of its addresses is refused, hands back the rest. */
  private lookup(): LookupFunction {
    return (hostname, options, callback) => {
      this.resolve(hostname).then(
        (addresses) => {
          try {
            if (addresses.length === 0) throw new OutboundRefusedError(`${hostname} has no address`);
            for (const a of addresses) this.check(hostname, a.address);
          } catch (err) {
            return callback(err as NodeJS.ErrnoException, '', 0);
          }
          const wanted = options.family ? addresses.filter((a) => a.family === options.family) : addresses;
          if (options.all) return callback(null, wanted);
          const first = wanted[0] ?? addresses[0]!;
          return callback(null, first.address, first.family);
        },
        (err: NodeJS.ErrnoException) => callback(err, '', 0),
      );
    };
  }
}

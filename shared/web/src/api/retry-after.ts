import type { Middleware } from 'openapi-fetch';
import { sleep } from '../net/backoff';

/** How long a 429's `Retry-After` asks to wait, in whole seconds (delta-seconds or an HTTP date); null without one. */
export function retryAfterSeconds(response: Response, now = Date.now()): number | null {
  const header = response.headers.get('Retry-After')?.trim();
  if (!header) return null;
  if (/^\d+$/.test(header)) return Number(header);
  const at = Date.parse(header);
  return Number.isNaN(at) ? null : Math.max(0, Math.ceil((at - now) / 1000));
}

export interface RetryAfterOptions {
  /** The fetch that sends the repeat (the client's own). */
  fetch: (request: Request) => Promise<Response>;
  /**
   * Waits longer than this are not waited out: the 429 goes to the screen, which tells the person how long. A phone
   * that seems frozen for longer than a few seconds gets tapped again or closed.
   */
  maxWaitSeconds?: number;
  /** Repeats after the first 429, each after its own Retry-After. */
  maxRetries?: number;
  sleep?: (ms: number, signal: AbortSignal) => Promise<void>;
}

/** Only reads are repeated: a write may have been counted, and its body stream is already spent. */
const SAFE_METHODS = new Set(['GET', 'HEAD']);

/**
 * Honours `429 RATE.LIMITED` with `Retry-After`: a read is sent again once the wait is over (if the wait is short);
 * anything else is handed back as it came, for the screen to say how long to wait (`retryAfterSeconds`).
 */
export function retryAfterMiddleware(options: RetryAfterOptions): Middleware {
  const maxWait = options.maxWaitSeconds ?? 5;
  const maxRetries = options.maxRetries ?? 2;
  const sleep = options.sleep ?? abortableSleep;
  return {
    async onResponse({ request, response }) {
      if (response.status !== 429 || !SAFE_METHODS.has(request.method)) return undefined;
      let last = response;
      for (let attempt = 0; attempt < maxRetries; attempt++) {
        const wait = retryAfterSeconds(last);
        if (wait === null || wait > maxWait) return last;
        await sleep(wait * 1000, request.signal);
        last = await options.fetch(new Request(request));
        if (last.status !== 429) return last;
      }
      return last;
    },
  };
}

/** Waits `ms`; an abort ends the wait with the signal's reason. */
async function abortableSleep(ms: number, signal: AbortSignal): Promise<void> {
  await sleep(ms, signal);
  signal.throwIfAborted();
}

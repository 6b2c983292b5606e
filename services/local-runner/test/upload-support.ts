import { createHash } from 'node:crypto';
import { createServer, type IncomingMessage } from 'node:http';
import type { AddressInfo } from 'node:net';
import { expect } from 'vitest';
import type { Harness } from './harness';
import { json } from './support';
export interface UploadView {
  intentId: string;
  status: string;
  reason: { code: string; message: string } | null;
  imageId: string;
  steps: Record<
    string,
    { status: string; durationMs: number | null; attempts: number; error: string | null }
  >;
  metadata: Record<string, unknown> | null;
  derivatives: {
    variant: string;
    maxSide: number;
    format: string;
    contentType: string;
    width: number;
    height: number;
    bytes: number;
  }[];
  result: { imageId: string; version: number } | null;
  callback: { state: string; attempts: number; lastError: string | null } | null;
  revision: number;
}

export interface RequestedUpload {
  upload: UploadView;
  target: { url: string; method: 'PUT'; headers: Record<string, string>; expiresAt: string };
  callbackSecret: string | null;
}

export const sha256 = (b: Buffer) => createHash('sha256').update(b).digest('hex');

/** POST /uploads; asserts 201 unless `status` says otherwise. */
export async function requestUpload(h: Harness, token: string, body: Record<string, unknown>, status = 201) {
  const res = await h.api('/uploads', { method: 'POST', token, ...json(body) });
  const text = await res.text();
  expect(res.status, text).toBe(status);
  return JSON.parse(text) as RequestedUpload;
}

/** PUT the bytes to the target with plain fetch, as a browser or phone would. */
export const putToTarget = (
  target: RequestedUpload['target'],
  body: Buffer,
  headers: Record<string, string> = {},
) =>
  fetch(target.url, {
    method: 'PUT',
    headers: { ...target.headers, ...headers },
    body: new Uint8Array(body),
  });

export async function getUpload(h: Harness, token: string, intentId: string): Promise<UploadView> {
  const res = await h.api(`/uploads/${intentId}`, { token });
  expect(res.status).toBe(200);
  return (await res.json()) as UploadView;
}

/** Polls until the upload reaches a final status (the bus settles first, so this rarely loops). */
export async function waitForUpload(
  h: Harness,
  token: string,
  intentId: string,
  timeoutMs = 60_000,
): Promise<UploadView> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    await h.settle();
    const view = await getUpload(h, token, intentId);
    if (['ready', 'rejected', 'failed', 'expired'].includes(view.status)) return view;
    if (Date.now() > deadline) throw new Error(`upload ${intentId} stuck in ${view.status}`);
    await new Promise((r) => setTimeout(r, 50));
  }
}

/** Every object key under a prefix of the images bucket (either mode). */
export async function keysUnder(h: Harness, prefix: string): Promise<string[]> {
  const keys: string[] = [];
  for await (const blob of h.system.adapters.blobs.list(prefix)) keys.push(blob.key);
  return keys;
}

/** A webhook receiver on port 0: records each POST; `failFirst` answers 503 that many times first. */
export async function startWebhookReceiver(options: { failFirst?: number } = {}) {
  const received: { headers: IncomingMessage['headers']; body: string }[] = [];
  let failures = options.failFirst ?? 0;
  const server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      received.push({ headers: req.headers, body: Buffer.concat(chunks).toString('utf8') });
      if (failures-- > 0) res.writeHead(503).end();
      else res.writeHead(204).end();
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}/hooks/upload`,
    received,
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}

/** Reads an SSE response until `until` says stop (or the stream ends); returns the events seen. */
export async function readEvents(
  res: Response,
  until: (events: { event: string; data: string }[]) => boolean,
  timeoutMs = 30_000,
): Promise<{ event: string; data: string }[]> {
  const events: { event: string; data: string }[] = [];
  const reader = res.body!.getReader();
  const decoder = new TextDecoder();
  let buffer = '';
  const timer = setTimeout(() => void reader.cancel(), timeoutMs);
  try {
    for (;;) {
      // The server ending the stream (or shutting down) ends the read.
      const { value, done } = await reader.read().catch(() => ({ value: undefined, done: true as const }));
      if (done) break;
      buffer += decoder.decode(value, { stream: true });
      let end: number;
      while ((end = buffer.indexOf('\n\n')) >= 0) {
        const block = buffer.slice(0, end);
        buffer = buffer.slice(end + 2);
        const event = /^event: (.*)$/m.exec(block)?.[1];
        const data = /^data: (.*)$/m.exec(block)?.[1];
        if (event && data) events.push({ event, data });
      }
      if (until(events)) break;
    }
  } finally {
    clearTimeout(timer);
    await reader.cancel().catch(() => undefined);
  }
  return events;
}

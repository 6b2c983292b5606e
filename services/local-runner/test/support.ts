import { readdir } from 'node:fs/promises';
import { join, relative } from 'node:path';
import { expect } from 'vitest';
import type { Clock } from '@photo/shared/ports/common';
import type { Harness } from './harness';

export interface ErrorBody {
  code: string;
  message: string;
  requestId: string;
  details?: Record<string, unknown>;
}

/**
 * Asserts the one error shape every service answers with: the status, JSON `{ error: { code, message, requestId } }`
 * with the given stable code, and a requestId equal to the X-Request-Id response header.
 */
export async function expectError(res: Response, status: number, code: string): Promise<ErrorBody> {
  const text = await res.text();
  expect(res.status, `${res.url} answered ${res.status}: ${text}`).toBe(status);
  expect(res.headers.get('content-type')).toMatch(/^application\/json/);
  const { error } = JSON.parse(text) as { error: ErrorBody };
  expect(error).toMatchObject({ code, message: expect.any(String), requestId: expect.any(String) });
  expect(error.requestId).toBe(res.headers.get('x-request-id'));
  return error;
}

/** Every file below `dir` (relative paths, sorted); none when it does not exist. */
export async function listFiles(dir: string): Promise<string[]> {
  try {
    const entries = await readdir(dir, { recursive: true, withFileTypes: true });
    return entries
      .filter((e) => e.isFile())
      .map((e) => relative(dir, join(e.parentPath, e.name)))
      .sort();
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === 'ENOENT') return [];
    throw err;
  }
}

/** A clock the test moves by hand; it starts at the real time so JWTs signed now stay valid. */
export class ManualClock implements Clock {
  private offsetMs = 0;

  now(): Date {
    return new Date(Date.now() + this.offsetMs);
  }

  advance(seconds: number): void {
    this.offsetMs += seconds * 1000;
  }
}

export const json = (body: unknown): RequestInit => ({
  headers: { 'content-type': 'application/json' },
  body: JSON.stringify(body),
});

export interface CreatedParticipant {
  participant: { visitorId: string; photoImageId: string; externalRef: string | null };
  participantToken: string;
  qrPayload: string;
}

/** Creates one participant as an operator. */
export async function createParticipant(
  h: Harness,
  operator: string,
  displayName = 'Test Person',
): Promise<CreatedParticipant> {
  const res = await h.api('/participants', { method: 'POST', token: operator, ...json({ displayName }) });
  expect(res.status).toBe(201);
  return (await res.json()) as CreatedParticipant;
}

/** Uploads a participant's photo as staff: `PUT /participants/:id/photo`. */
export function putPhoto(
  h: Harness,
  staff: string,
  visitorId: string,
  body: Buffer | string,
  options: { contentType?: string; expectedVersion?: number } = {},
): Promise<Response> {
  const query = options.expectedVersion === undefined ? '' : `?expectedVersion=${options.expectedVersion}`;
  return h.api(`/participants/${visitorId}/photo${query}`, {
    method: 'PUT',
    token: staff,
    headers: { 'content-type': options.contentType ?? 'image/jpeg' },
    body: typeof body === 'string' ? body : new Uint8Array(body),
  });
}

import { describe, expect, it } from 'vitest';
import { createApiClient } from './client';
import { retryAfterSeconds } from './retry-after';

const limited = (seconds: string) =>
  Response.json(
    { error: { code: 'RATE.LIMITED', message: 'slow down', requestId: 'r' } },
    { status: 429, headers: { 'Retry-After': seconds } },
  );

function client(answers: Response[], waits: number[], maxRetryWaitSeconds?: number) {
  const seen: Request[] = [];
  const api = createApiClient({
    baseUrl: 'http://api.test',
    maxRetryWaitSeconds,
    fetch: async (request) => {
      seen.push(request);
      return answers.shift() ?? Response.json({ unread: 7 });
    },
  });
  // The real wait is a timer; here each wait is recorded and over at once.
  const realSetTimeout = globalThis.setTimeout;
  globalThis.setTimeout = ((fn: () => void, ms: number) => {
    waits.push(ms);
    return realSetTimeout(fn, 0);
  }) as typeof setTimeout;
  return { api, seen, restore: () => (globalThis.setTimeout = realSetTimeout) };
}

describe('429 with Retry-After', () => {
  it('when a read is refused with a short Retry-After, then it is sent again after that wait and its answer returned', async () => {
    const waits: number[] = [];
    const { api, seen, restore } = client([limited('2')], waits);
    try {
      const { data, response } = await api.GET('/me/notifications/unread-count');
      expect(response.status).toBe(200);
      expect(data).toEqual({ unread: 7 });
      expect(seen).toHaveLength(2);
      expect(waits).toContain(2000);
    } finally {
      restore();
    }
  });

  it('when the wait is longer than the app waits by itself, then the 429 comes back with its Retry-After to show', async () => {
    const waits: number[] = [];
    const { api, seen, restore } = client([limited('40')], waits);
    try {
      const { error, response } = await api.GET('/me/notifications/unread-count');
      expect(response.status).toBe(429);
      expect(retryAfterSeconds(response)).toBe(40);
      expect((error as { error: { code: string } }).error.code).toBe('RATE.LIMITED');
      expect(seen).toHaveLength(1);
    } finally {
      restore();
    }
  });

  it('when a write is refused, then it is not sent again (it may have been counted)', async () => {
    const waits: number[] = [];
    const { api, seen, restore } = client([limited('1')], waits);
    try {
      const { response } = await api.POST('/likes', { body: { imageId: 'img_00000000000000000000' } });
      expect(response.status).toBe(429);
      expect(seen).toHaveLength(1);
    } finally {
      restore();
    }
  });

  it('when every repeat is refused too, then it gives up after two repeats and hands back the last 429', async () => {
    const waits: number[] = [];
    const { api, seen, restore } = client([limited('1'), limited('1'), limited('3')], waits);
    try {
      const { response } = await api.GET('/me/notifications/unread-count');
      expect(response.status).toBe(429);
      expect(retryAfterSeconds(response)).toBe(3);
      expect(seen).toHaveLength(3);
    } finally {
      restore();
    }
  });

  it('when Retry-After is an HTTP date, a number, missing or nonsense, then the wait is read accordingly', () => {
    const now = Date.parse('2026-01-01T00:00:00Z');
    const at = (value: string | null) =>
      retryAfterSeconds(
        new Response(null, { status: 429, headers: value ? { 'Retry-After': value } : {} }),
        now,
      );
    expect(at('12')).toBe(12);
    expect(at('Thu, 01 Jan 2026 00:00:09 GMT')).toBe(9);
    expect(at('Wed, 31 Dec 2025 23:00:00 GMT')).toBe(0);
    expect(at(null)).toBeNull();
    expect(at('soon')).toBeNull();
  });
});

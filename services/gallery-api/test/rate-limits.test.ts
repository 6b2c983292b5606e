import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SharpImageInspector } from '@photo/shared/adapters/sharp/image-inspector.sharp';
import { openDatabase } from '@photo/shared/adapters/sqlite/database';
import { openEmbeddedGallery } from '@photo/shared/composition/gallery-embedded';
import { silentLogger } from '@photo/shared/http/logger';
import { startServer, type RunningServer } from '@photo/shared/http/server';
import { systemClock } from '@photo/shared/ports/common';
import type { ImageServerClient } from '@photo/shared/ports/image-server-client.port';
import { createGalleryApp } from '../src/app';

/** The gallery's HTTP edge on port 0 with tight limits. */
describe('gallery app: rate limits', () => {
  let server: RunningServer;

  beforeAll(async () => {
    const gallery = openEmbeddedGallery(openDatabase(':memory:'), {
      matchThreshold: 0.45,
      recommenderSeed: 1,
    });
    const app = createGalleryApp({
      ...gallery,
      audit: { append: async () => undefined, list: async () => ({ items: [], next: null }) },
      config: {
        projectId: null,
        maxSelfieBytes: 1024 * 1024,
        maxSelfiePixels: 25_000_000,
        minFacePx: 80,
        analysisTtlSeconds: 600,
        sessionTtlSeconds: 3600,
        rateLimits: { emotionPerMinute: 0, createUserPerMinute: 2, likesPerMinute: 1 },
        faceRetentionDays: 30,
        defaultItems: 12,
        galleryPrefix: 'gallery/',
        tmpDir: '/tmp/gallery-rate-limits',
      },
      logger: silentLogger(),
      clock: systemClock,
      inspector: new SharpImageInspector(),
      imageServer: {} as ImageServerClient,
      blobs: {} as never,
      publisher: { publish: async () => 'id' },
      readiness: {},
      isDraining: () => false,
    });
    server = await startServer(app, { port: 0, host: '127.0.0.1', logger: silentLogger(), name: 'gallery' });
  });
  afterAll(() => server.close());

  const post = (path: string, body: unknown, token?: string) =>
    fetch(`${server.url}${path}`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', ...(token ? { authorization: `Bearer ${token}` } : {}) },
      body: JSON.stringify(body),
    });

  it('when one address makes users faster than its limit, then 429 RATE.LIMITED with Retry-After', async () => {
    const body = { analysisId: `fa_${'a'.repeat(26)}`, consent: false };
    const first = await post('/createUser', body);
    expect(first.status).toBe(404);
    expect(first.headers.get('ratelimit-remaining')).toBe('1');
    expect((await post('/createUser', body)).status).toBe(404);
    const refused = await post('/createUser', body);
    expect(refused.status).toBe(429);
    const retryAfter = Number(refused.headers.get('retry-after'));
    expect(retryAfter).toBeGreaterThan(0);
    expect(retryAfter).toBeLessThanOrEqual(60);
    const { error } = (await refused.json()) as { error: { code: string; details: unknown } };
    expect(error).toMatchObject({ code: 'RATE.LIMITED', details: { retryAfterSeconds: retryAfter } });
  });

  it('when likes come faster than the limit, then each token has its own budget', async () => {
    const like = { userId: `gu_${'a'.repeat(26)}`, itemId: `img_${'a'.repeat(20)}` };
    expect((await post('/like', like, 'gt_one')).status).toBe(401);
    expect((await post('/like', like, 'gt_one')).status).toBe(429);
    expect((await post('/like', like, 'gt_two')).status).toBe(401);
  });
});

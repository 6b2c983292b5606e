import { readdir } from 'node:fs/promises';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SharpImageInspector } from '@photo/shared/adapters/sharp/image-inspector.sharp';
import { openDatabase } from '@photo/shared/adapters/sqlite/database';
import { openEmbeddedGallery } from '@photo/shared/composition/gallery-embedded';
import { silentLogger } from '@photo/shared/http/logger';
import { startServer, type RunningServer } from '@photo/shared/http/server';
import { systemClock } from '@photo/shared/ports/common';
import type { ImageServerClient } from '@photo/shared/ports/image-server-client.port';
import { noisyJpeg } from '@photo/shared/testing/images';
import { tempDir } from '@photo/shared/testing/system-under-test';
import { createGalleryApp } from '../src/app';

/** The gallery's HTTP edge on port 0 with an analyser that fails: the selfie must be gone all the same. */
describe('gallery app: a failing analyser', () => {
  let server: RunningServer;
  let temp: { dir: string; remove: () => Promise<void> };
  const tmpDir = () => join(temp.dir, 'selfies');

  beforeAll(async () => {
    temp = await tempDir();
    const gallery = openEmbeddedGallery(openDatabase(':memory:'), {
      matchThreshold: 0.45,
      recommenderSeed: 1,
    });
    const app = createGalleryApp({
      ...gallery,
      audit: { append: async () => undefined, list: async () => ({ items: [], next: null }) },
      analyzer: {
        analyze: async () => {
          throw new Error('the network crashed');
        },
      },
      config: {
        projectId: null,
        maxSelfieBytes: 1024 * 1024,
        maxSelfiePixels: 25_000_000,
        minFacePx: 80,
        analysisTtlSeconds: 600,
        sessionTtlSeconds: 3600,
        rateLimits: { emotionPerMinute: 0, createUserPerMinute: 0, likesPerMinute: 0 },
        faceRetentionDays: 30,
        defaultItems: 12,
        galleryPrefix: 'gallery/',
        tmpDir: tmpDir(),
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
  afterAll(async () => {
    await server.close();
    await temp.remove();
  });

  it('when the analyser throws, then the answer is a 500 with a request id and the selfie file is deleted', async () => {
    const res = await fetch(`${server.url}/emotion`, {
      method: 'POST',
      headers: { 'content-type': 'image/jpeg' },
      body: new Uint8Array(await noisyJpeg(200, 150)),
    });
    expect(res.status).toBe(500);
    expect(((await res.json()) as { error: { code: string; requestId: string } }).error).toMatchObject({
      code: 'INTERNAL',
    });
    expect(await readdir(tmpDir())).toEqual([]);
  });

  it("when a user's erasure is read, then the answer is for this request only (Cache-Control: no-store)", async () => {
    const res = await fetch(`${server.url}/users/gu_${'a'.repeat(26)}/erasure`);
    expect(res.status).toBe(200);
    expect(res.headers.get('cache-control')).toBe('no-store');
    expect(((await res.json()) as { erased: boolean }).erased).toBe(true);
  });

  it('when createUser names no consent, then REQUEST.INVALID: consent is never a default', async () => {
    const res = await fetch(`${server.url}/createUser`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ analysisId: `fa_${'a'.repeat(26)}` }),
    });
    expect(res.status).toBe(400);
    expect(((await res.json()) as { error: { code: string } }).error.code).toBe('REQUEST.INVALID');
  });
});

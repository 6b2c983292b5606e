import { readFile } from 'node:fs/promises';
import type { Express } from 'express';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { silentLogger } from '@photo/shared/http/logger';
import { startServer, type RunningServer } from '@photo/shared/http/server';
import { systemClock } from '@photo/shared/ports/common';
import { expressRoutes, openApiProblems, operationsOf } from '@photo/shared/testing/openapi-shape';
import { createGalleryApp, type GalleryDeps } from '../app';
import { buildGalleryOpenApiDocument } from './openapi';
import { OPENAPI_FILE, renderOpenApi } from './write-openapi';

/** Ports no test here calls: building the app only keeps references to them. */
const unused = <T>(): T => ({}) as T;

function galleryApp(): Express {
  const deps: GalleryDeps = {
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
      tmpDir: '/tmp',
    },
    logger: silentLogger(),
    clock: systemClock,
    inspector: unused(),
    analyzer: unused(),
    faces: unused(),
    users: unused(),
    items: unused(),
    likes: unused(),
    analyses: unused(),
    sessions: unused(),
    participants: null,
    limiter: unused(),
    audit: unused(),
    recommender: unused(),
    imageServer: unused(),
    blobs: unused(),
    publisher: unused(),
    readiness: {},
    isDraining: () => false,
    // The cloud composition mounts the Pub/Sub push endpoint and the reconcile task: walk the app with every route
    // it can have.
    push: { pushAuth: null },
    reconcileTask: {
      schedulerAuth: null,
      options: { safetyWindowSeconds: 3600, repair: true, bucket: 'images', galleryPrefix: 'gallery/' },
    },
  };
  return createGalleryApp(deps);
}

describe('the gallery OpenAPI document', () => {
  const document = buildGalleryOpenApiDocument();

  it('when it is generated, then it has the shape of an OpenAPI 3.1 document', () => {
    expect(openApiProblems(document)).toEqual([]);
  });

  it('when the routes of the app are walked, then each is documented and nothing else is', () => {
    expect(operationsOf(document).sort()).toEqual(expressRoutes(galleryApp()).sort());
  });

  it('when docs/gallery.openapi.json is read, then it is what the generator makes now (else run `npm run openapi`)', async () => {
    const committed = await readFile(OPENAPI_FILE, 'utf8').catch(() => 'null');
    expect(JSON.parse(committed), 'docs/gallery.openapi.json is stale: run `npm run openapi`').toEqual(
      JSON.parse(renderOpenApi()),
    );
  });

  it('when an id is documented, then its format is: gu_, fa_ and img_ ids by pattern', () => {
    const text = JSON.stringify(document);
    for (const pattern of ['^gu_[0-9a-z]{26}$', '^fa_[0-9a-z]{26}$', '^img_[0-9a-z]{20}$'])
      expect(text).toContain(JSON.stringify(pattern));
    const erase = document.paths?.['/users/{userId}']?.delete;
    expect(Object.keys(erase?.responses ?? {}).sort()).toEqual(['204', '400', '401', '403', '500', '502']);
  });

  describe('served over HTTP', () => {
    let server: RunningServer;
    beforeAll(async () => {
      server = await startServer(galleryApp(), {
        port: 0,
        host: '127.0.0.1',
        logger: silentLogger(),
        name: 'gallery',
      });
    });
    afterAll(() => server.close());

    it('when GET /openapi.json, then it answers the committed document', async () => {
      const res = await fetch(`${server.url}/openapi.json`);
      expect(res.status).toBe(200);
      expect(await res.json()).toEqual(JSON.parse(await readFile(OPENAPI_FILE, 'utf8')));
    });

    it('when a malformed user id is erased, then 400 REQUEST.INVALID as documented, before any lookup', async () => {
      const res = await fetch(`${server.url}/users/gu_not-an-id`, { method: 'DELETE' });
      expect(res.status).toBe(400);
      expect(((await res.json()) as { error: { code: string } }).error.code).toBe('REQUEST.INVALID');
    });
  });
});

import { readFile } from 'node:fs/promises';
import type { Express } from 'express';
import { describe, expect, it } from 'vitest';
import { silentLogger } from '@photo/shared/http/logger';
import { systemClock } from '@photo/shared/ports/common';
import { expressRoutes, openApiProblems, operationsOf } from '@photo/shared/testing/openapi-shape';
import { createImageServerApp, type ImageServerDeps } from '../app';
import { buildImageServerOpenApiDocument } from './openapi';
import { OPENAPI_FILE, renderOpenApi } from './write-openapi';

/** Ports no test here calls: building the app only keeps references to them. */
const unused = <T>(): T => ({}) as T;

function imageServerApp(): Express {
  const deps: ImageServerDeps = {
    config: {
      publicBaseUrl: 'http://127.0.0.1:8081',
      linkTtlSeconds: 60,
      maxUploadBytes: 1024 * 1024,
      maxInputPixels: 1_000_000,
      allowedTypes: ['image/jpeg'],
      tmpDir: '/tmp',
      archiveOriginals: false,
      spool: { slots: 1, waitMs: 1000, queue: 64 },
      servedCacheBytes: 0,
      projectId: null,
    },
    logger: silentLogger(),
    clock: systemClock,
    images: unused(),
    tokens: unused(),
    blobs: unused(),
    inspector: unused(),
    sanitizer: unused(),
    publisher: unused(),
    callers: unused(),
    readiness: {},
    isDraining: () => false,
    // The cloud composition mounts the Pub/Sub push endpoint: walk the app with every route it can have.
    push: { pushAuth: null },
    uploads: { signer: unused(), receiver: unused() },
    reconcileTask: { schedulerAuth: unused(), safetyWindowSeconds: 3600, removeOrphans: true },
  };
  return createImageServerApp(deps);
}

describe('the image server OpenAPI document', () => {
  const document = buildImageServerOpenApiDocument();

  it('when it is generated, then it has the shape of an OpenAPI 3.1 document', () => {
    expect(openApiProblems(document)).toEqual([]);
  });

  it('when the routes of the app are walked, then each is documented and nothing else is', () => {
    expect(operationsOf(document).sort()).toEqual(expressRoutes(imageServerApp()).sort());
  });

  it('when docs/image-server.openapi.json is read, then it is what the generator makes now (else run `npm run openapi`)', async () => {
    const committed = await readFile(OPENAPI_FILE, 'utf8').catch(() => 'null');
    expect(JSON.parse(committed), 'docs/image-server.openapi.json is stale: run `npm run openapi`').toEqual(
      JSON.parse(renderOpenApi()),
    );
  });
});

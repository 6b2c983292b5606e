import { readFile } from 'node:fs/promises';
import type { Express } from 'express';
import { afterAll, beforeAll, describe, expect, expectTypeOf, it } from 'vitest';
import { silentLogger } from '@photo/shared/http/logger';
import { startServer, type RunningServer } from '@photo/shared/http/server';
import { systemClock } from '@photo/shared/ports/common';
import { expressRoutes, openApiProblems, operationsOf } from '@photo/shared/testing/openapi-shape';
import { createBackendApp, type BackendDeps } from '../app';
import { UpdateHub } from '../live/update-hub';
import { toRateLimits } from '../rate-limits';
import { toPaletteView } from '../routes/images.routes';
import { buildOpenApiDocument } from './openapi';
import type { PaletteView } from './response-schemas';
import { OPENAPI_FILE, renderOpenApi } from './write-openapi';

/** Ports no test here calls: building the app only keeps references to them. */
const unused = <T>(): T => ({}) as T;

function backendApp(): Express {
  const deps: BackendDeps = {
    config: { projectId: null, selfRegistration: true, streamRecheckMs: 15_000, streamHeartbeatMs: 25_000 },
    logger: silentLogger(),
    clock: systemClock,
    participants: unused(),
    images: unused(),
    palettes: unused(),
    updates: unused(),
    deadLetters: unused(),
    publisher: unused(),
    imageServer: unused(),
    userTokens: unused(),
    qr: unused(),
    hub: new UpdateHub(),
    operators: null,
    readiness: {},
    isDraining: () => false,
    audit: unused(),
    automation: unused(),
    limits: {
      limiter: unused(),
      rules: toRateLimits({
        RATE_REGISTER_PER_MINUTE: 0,
        RATE_CHECKIN_PER_MINUTE: 0,
        RATE_IMAGE_URLS_PER_MINUTE: 0,
        RATE_LIKES_PER_MINUTE: 0,
        RATE_UPLOADS_PER_MINUTE: 0,
        RATE_UPLOADS_PER_ADDRESS_PER_MINUTE: 0,
      }),
    },
    // The cloud composition mounts the Pub/Sub push endpoint: walk the app with every route it can have.
    push: { pushAuth: null },
    notifications: {
      likes: unused(),
      notifications: unused(),
      settings: unused(),
      wakeRelay: () => Promise.resolve(),
      deepLinkBase: 'eventphoto://images/',
      vapidPublicKey: null,
      allowLoopbackPushEndpoints: false,
    },
    uploads: { uploads: unused(), signer: unused(), rules: unused() },
  };
  return createBackendApp(deps);
}

describe('the backend OpenAPI document', () => {
  const document = buildOpenApiDocument();

  it('when it is generated, then it has the shape of an OpenAPI 3.1 document', () => {
    expect(openApiProblems(document)).toEqual([]);
    expect(document.openapi).toBe('3.1.0');
  });

  it('when the routes of the app are walked, then each is documented and nothing else is', () => {
    expect(operationsOf(document).sort()).toEqual(expressRoutes(backendApp()).sort());
  });

  it('when docs/openapi.json is read, then it is what the generator makes now (else run `npm run openapi`)', async () => {
    const committed = await readFile(OPENAPI_FILE, 'utf8').catch(() => 'null');
    expect(JSON.parse(committed), 'docs/openapi.json is stale: run `npm run openapi`').toEqual(
      JSON.parse(renderOpenApi()),
    );
  });

  it('when an operation needs a user, then it names a permission and describes it', () => {
    for (const item of Object.values(document.paths ?? {})) {
      for (const op of Object.values(item) as {
        security?: Record<string, string[]>[];
        description?: string;
      }[]) {
        for (const requirement of op.security ?? []) {
          for (const permission of requirement.operatorToken ?? [])
            expect(op.description).toContain(`\`${permission}\``);
          if (requirement.operatorToken) expect(requirement.operatorToken).toHaveLength(1);
        }
      }
    }
  });

  it('when a route builds a palette view, then its type is the documented one', () => {
    // The other views are annotated with their response schema's type; this one is checked here.
    expectTypeOf(toPaletteView).returns.toEqualTypeOf<PaletteView>();
  });

  describe('served over HTTP', () => {
    let server: RunningServer;
    beforeAll(async () => {
      server = await startServer(backendApp(), {
        port: 0,
        host: '127.0.0.1',
        logger: silentLogger(),
        name: 'backend API',
      });
    });
    afterAll(() => server.close());

    it('when GET /openapi.json, then it answers the generated document', async () => {
      const res = await fetch(`${server.url}/openapi.json`);
      expect(res.status).toBe(200);
      expect(await res.json()).toEqual(JSON.parse(JSON.stringify(document)));
    });
  });
});

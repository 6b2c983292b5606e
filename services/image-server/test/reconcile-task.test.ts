import { exportJWK, generateKeyPair, SignJWT, type CryptoKey } from 'jose';
import { randomUUID } from 'node:crypto';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { JwtVerifier } from '@photo/shared/auth/jwt-verifier';
import { ServiceCallerVerifier } from '@photo/shared/auth/service-verifier';
import { openCloudAdapters } from '@photo/shared/composition/cloud';
import { newImageId } from '@photo/shared/domain/ids';
import { silentLogger } from '@photo/shared/http/logger';
import { startServer, type RunningServer } from '@photo/shared/http/server';
import { cloudSuitesEnabled, emulatorHosts, uniqueProjectId } from '@photo/shared/testing/emulators';
import { startFakeGcsServer, type FakeGcsServer } from '@photo/shared/testing/fake-gcs-server';
import { createImageServerApp, type ImageServerDeps } from '../src/app';
import { DEFAULT_SPOOL } from '../src/config';
import { RECONCILE_PATH } from '../src/routes/tasks.routes';
import { SharpImageInspector } from '@photo/shared/adapters/sharp/image-inspector.sharp';
import { SharpImageSanitizer } from '@photo/shared/adapters/sharp/image-sanitizer.sharp';

const GOOGLE = 'https://accounts.google.com';
const SCHEDULER = 'reconcile-scheduler@event-photo.iam.gserviceaccount.com';
const HOUR = 3600_000;

/**
 * The image server as Cloud Run runs it with the reconcile task on: Cloud Scheduler's POST /tasks/reconcile over real
 * HTTP, against the Firestore emulator and the loopback Cloud Storage JSON API.
 */
describe.skipIf(!cloudSuitesEnabled())('POST /tasks/reconcile (Firestore and Cloud Storage)', () => {
  let gcs: FakeGcsServer;
  let jwks: Server;
  let key: CryptoKey;
  let server: RunningServer;
  let audience: string;
  let adapters: ReturnType<typeof openCloudAdapters>;

  beforeAll(async () => {
    const pair = await generateKeyPair('RS256', { extractable: true });
    key = pair.privateKey;
    const jwk = { ...(await exportJWK(pair.publicKey)), kid: 'g1', alg: 'RS256', use: 'sig' };
    jwks = createServer((_req, res) =>
      res.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify({ keys: [jwk] })),
    );
    await new Promise<void>((resolve) => jwks.listen(0, '127.0.0.1', resolve));
    const jwksUrl = `http://127.0.0.1:${(jwks.address() as AddressInfo).port}/certs`;
    gcs = await startFakeGcsServer();
    gcs.createBucket('images');
    const hosts = emulatorHosts()!;
    adapters = openCloudAdapters({
      projectId: uniqueProjectId('reconcile'),
      bucket: 'images',
      firestoreEmulatorHost: hosts.firestore,
      pubsubEmulatorHost: hosts.pubsub,
      storageApiEndpoint: gcs.url,
    });
    // Two hours on: what the test writes now is past the one-hour safety window.
    const clock = { now: () => new Date(Date.now() + 2 * HOUR) };
    server = await startServer(
      {
        build: (url) => {
          audience = url;
          const google = (allowed: string[]) =>
            new ServiceCallerVerifier(
              new JwtVerifier({ jwksUrl, issuer: GOOGLE, audience: url }),
              new Set(allowed),
            );
          return createImageServerApp({
            config: {
              publicBaseUrl: url,
              linkTtlSeconds: 60,
              maxUploadBytes: 1024 * 1024,
              maxInputPixels: 1_000_000,
              allowedTypes: ['image/jpeg', 'image/png'],
              tmpDir: tmpdir(),
              archiveOriginals: false,
              spool: DEFAULT_SPOOL,
              servedCacheBytes: 0,
              projectId: null,
            } as ImageServerDeps['config'],
            logger: silentLogger(),
            clock,
            images: adapters.images,
            tokens: adapters.tokens,
            blobs: adapters.blobs,
            inspector: new SharpImageInspector(),
            sanitizer: new SharpImageSanitizer(),
            publisher: adapters.publisher,
            callers: google(['backend-api@event-photo.iam.gserviceaccount.com']),
            readiness: {},
            isDraining: () => false,
            reconcileTask: {
              schedulerAuth: google([SCHEDULER]),
              safetyWindowSeconds: 3600,
              removeOrphans: true,
            },
          });
        },
      },
      { port: 0, host: '127.0.0.1', logger: silentLogger(), name: 'image server' },
    );
  });
  afterAll(async () => {
    await server?.close(1000);
    await adapters?.close();
    await new Promise((resolve) => jwks?.close(resolve));
    await gcs?.close();
  });

  const idToken = (email: string) =>
    new SignJWT({ email, email_verified: true })
      .setProtectedHeader({ alg: 'RS256', kid: 'g1' })
      .setIssuer(GOOGLE)
      .setAudience(audience)
      .setSubject('1234')
      .setIssuedAt()
      .setExpirationTime('5m')
      .sign(key);
  const reconcile = (token?: string) =>
    fetch(`${server.url}${RECONCILE_PATH}`, {
      method: 'POST',
      headers: token ? { authorization: `Bearer ${token}` } : {},
    });

  it("when Cloud Scheduler's account calls, then orphaned objects are deleted and recorded ones kept", async () => {
    const imageId = newImageId();
    await adapters.images.create({
      imageId,
      kind: 'event',
      ownerVisitorId: null,
      creationKey: null,
      now: new Date(),
    });
    const kept = `originals/${imageId}/v1/original-${randomUUID()}`;
    await adapters.blobs.put(kept, Buffer.from('pixels'), { contentType: 'image/jpeg' });
    await adapters.images.addVersion({
      imageId,
      expectedVersion: 0,
      idempotencyKey: null,
      original: { blobKey: kept, contentType: 'image/jpeg', bytes: 6, sha256: 'x', width: 1, height: 1 },
      now: new Date(),
    });
    // A crash between the put and the version commit: the retry stored another object, this one is litter.
    const orphan = `originals/${imageId}/v1/original-${randomUUID()}`;
    await adapters.blobs.put(orphan, Buffer.from('lost'), { contentType: 'image/jpeg' });

    const res = await reconcile(await idToken(SCHEDULER));

    expect(res.status).toBe(200);
    expect(await res.json()).toMatchObject({ orphans: [orphan], orphansRemoved: 1, missing: [] });
    expect(await adapters.blobs.stat(orphan)).toBeNull();
    expect(await adapters.blobs.stat(kept)).not.toBeNull();
  });

  it('when it is called without a token or by another service account, then 401 / 403 and nothing is touched', async () => {
    const orphan = `originals/${newImageId()}/v1/original-${randomUUID()}`;
    await adapters.blobs.put(orphan, Buffer.from('lost'), { contentType: 'image/jpeg' });
    expect((await reconcile()).status).toBe(401);
    const other = await reconcile(await idToken('backend-api@event-photo.iam.gserviceaccount.com'));
    expect(other.status).toBe(403);
    expect(((await other.json()) as { error: { code: string } }).error.code).toBe('AUTH.FORBIDDEN');
    expect(await adapters.blobs.stat(orphan)).not.toBeNull();
  });
});

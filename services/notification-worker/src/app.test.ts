import { exportJWK, generateKeyPair, SignJWT, type CryptoKey } from 'jose';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { JwtVerifier } from '@photo/shared/auth/jwt-verifier';
import { ServiceCallerVerifier } from '@photo/shared/auth/service-verifier';
import { newImageId, newVisitorId } from '@photo/shared/domain/ids';
import { likeCreatedOutbox } from '@photo/shared/events/like-outbox';
import { silentLogger } from '@photo/shared/http/logger';
import { startServer, type RunningServer } from '@photo/shared/http/server';
import { createWorkerApp } from '@photo/shared/http/worker-app';
import { notificationHandlers, SUBSCRIPTION } from './app';
import { DISPATCH_PATH, tasksRoutes } from './routes/tasks.routes';
import { TestClock, workerOverSqlite } from '../test/worker-over-sqlite';

const GOOGLE = 'https://accounts.google.com';
const SCHEDULER = 'scheduler@event-photo.iam.gserviceaccount.com';

/** The worker as Cloud Run runs it: the Pub/Sub push endpoint and Cloud Scheduler's dispatch task, over real HTTP. */
describe('notification worker app', () => {
  const clock = new TestClock(Date.now());
  const w = workerOverSqlite(clock, { DIGEST_WINDOW_SECONDS: '0' });
  let key: CryptoKey;
  let jwks: Server;
  let server: RunningServer;
  let audience: string;

  beforeAll(async () => {
    const pair = await generateKeyPair('RS256', { extractable: true });
    key = pair.privateKey;
    const jwk = { ...(await exportJWK(pair.publicKey)), kid: 'g1', alg: 'RS256', use: 'sig' };
    jwks = createServer((_req, res) =>
      res.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify({ keys: [jwk] })),
    );
    await new Promise<void>((resolve) => jwks.listen(0, '127.0.0.1', resolve));
    const jwksUrl = `http://127.0.0.1:${(jwks.address() as AddressInfo).port}/certs`;
    server = await startServer(
      {
        build: (url) => {
          audience = url;
          const schedulerAuth = new ServiceCallerVerifier(
            new JwtVerifier({ jwksUrl, issuer: GOOGLE, audience: url }),
            new Set([SCHEDULER]),
          );
          // As the composition builds it: the push endpoint in front of the handlers, and the dispatch task.
          return createWorkerApp({
            logger: silentLogger(),
            projectId: null,
            handlers: notificationHandlers(w.deps),
            publisher: { publish: async () => 'x' },
            pushAuth: null,
            readiness: {},
            isDraining: () => false,
            routes: [tasksRoutes({ ...w.deps, schedulerAuth })],
          });
        },
      },
      { port: 0, host: '127.0.0.1', logger: silentLogger(), name: 'notification-worker' },
    );
  });
  afterAll(async () => {
    await server.close(1000);
    await new Promise((resolve) => jwks.close(resolve));
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
  const dispatch = (token?: string) =>
    fetch(`${server.url}${DISPATCH_PATH}`, {
      method: 'POST',
      headers: token ? { authorization: `Bearer ${token}` } : {},
    });

  it('when Pub/Sub pushes like.created and the scheduler calls the dispatch task, then the recipient is notified', async () => {
    const owner = newVisitorId();
    await w.deps.settings.savePushSubscription({
      visitorId: owner,
      endpoint: 'https://push.example/1',
      keys: { p256dh: 'k', auth: 'a' },
      createdAt: clock.now(),
    });
    const { like } = await w.likes.like({
      imageId: newImageId(),
      likerVisitorId: newVisitorId(),
      ownerVisitorId: owner,
      now: clock.now(),
    });
    const { message } = likeCreatedOutbox(like, owner);
    const push = await fetch(`${server.url}/pubsub/push`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({
        message: {
          data: message.data.toString('base64'),
          attributes: message.attributes,
          messageId: '1',
          publishTime: new Date().toISOString(),
        },
        subscription: `projects/p/subscriptions/${SUBSCRIPTION}`,
      }),
    });
    expect(push.status).toBe(204);

    const res = await dispatch(await idToken(SCHEDULER));
    expect(res.status).toBe(200);
    expect(await res.json()).toMatchObject({ sent: 2, failed: 0, relayed: 0 });
    expect(w.sent.push).toHaveLength(1);
  });

  it('when the dispatch task is called without a token or by another service account, then 401 / 403', async () => {
    expect((await dispatch()).status).toBe(401);
    expect((await dispatch(await idToken('intruder@example.iam.gserviceaccount.com'))).status).toBe(403);
  });
});

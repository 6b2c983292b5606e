import { exportJWK, generateKeyPair, SignJWT, type CryptoKey, type JWTPayload } from 'jose';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { JwtVerifier } from '../auth/jwt-verifier';
import { ServiceCallerVerifier } from '../auth/service-verifier';
import { DEAD_LETTER } from '../bus/delivery-policy';
import { DEAD_LETTER_TOPIC } from '../events/topology';
import type {
  EventPublisher,
  HandlerOutcome,
  OutgoingMessage,
  ReceivedMessage,
} from '../ports/event-bus.port';
import { silentLogger } from './logger';
import { PUSH_PATH } from './pubsub-push.routes';
import { startServer, type RunningServer } from './server';
import { createWorkerApp } from './worker-app';

const GOOGLE = 'https://accounts.google.com';
const PUSH_ACCOUNT = 'pubsub-push@event-photo.iam.gserviceaccount.com';
const SUBSCRIPTION = 'backend-api.image-updated';

/**
 * The push endpoint's OIDC check, with Google's part played by a test key and a JWKS on loopback: the emulator sends
 * no Authorization header at all, so this is where the verified path is exercised.
 */
describe('Pub/Sub push endpoint with OIDC verification', () => {
  let privateKey: CryptoKey;
  let otherKey: CryptoKey;
  let jwks: Server;
  let jwksUrl: string;
  let verified: RunningServer;
  let open: RunningServer;
  let audience: string;
  let handled: ReceivedMessage[];
  let published: { topic: string; message: OutgoingMessage }[];
  let outcome: HandlerOutcome;

  const publisher: EventPublisher = {
    publish: async (topic, message) => {
      published.push({ topic, message });
      return `dl-${published.length}`;
    },
  };

  const app = (pushAuth: ServiceCallerVerifier | null) =>
    createWorkerApp({
      logger: silentLogger(),
      projectId: null,
      publisher,
      pushAuth,
      readiness: {},
      isDraining: () => false,
      handlers: {
        [SUBSCRIPTION]: async (message) => {
          handled.push(message);
          return outcome;
        },
      },
    });

  beforeAll(async () => {
    const keyPair = await generateKeyPair('RS256', { extractable: true });
    ({ privateKey: otherKey } = await generateKeyPair('RS256'));
    privateKey = keyPair.privateKey;
    const jwk = { ...(await exportJWK(keyPair.publicKey)), kid: 'google-1', alg: 'RS256', use: 'sig' };
    jwks = createServer((_req, res) => {
      res.writeHead(200, { 'Content-Type': 'application/json' }).end(JSON.stringify({ keys: [jwk] }));
    });
    await new Promise<void>((resolve) => jwks.listen(0, '127.0.0.1', resolve));
    jwksUrl = `http://127.0.0.1:${(jwks.address() as AddressInfo).port}/oauth2/v3/certs`;

    const options = { port: 0, host: '127.0.0.1', logger: silentLogger(), name: 'worker' };
    verified = await startServer(
      {
        build: (url) => {
          audience = `${url}${PUSH_PATH}`;
          const verifier = new JwtVerifier({ jwksUrl, issuer: GOOGLE, audience });
          return app(new ServiceCallerVerifier(verifier, new Set([PUSH_ACCOUNT])));
        },
      },
      options,
    );
    open = await startServer(app(null), options);
  });

  afterAll(async () => {
    await verified.close(1000);
    await open.close(1000);
    await new Promise((resolve) => jwks.close(resolve));
  });

  beforeEach(() => {
    handled = [];
    published = [];
    outcome = { status: 'done' };
  });

  const envelope = {
    message: {
      data: Buffer.from('{"imageId":"img_1"}').toString('base64'),
      attributes: { event: 'image.updated' },
      messageId: '1234',
      publishTime: '2025-06-01T10:00:00.000Z',
      orderingKey: 'participant-1',
    },
    subscription: `projects/event-photo/subscriptions/${SUBSCRIPTION}`,
    deliveryAttempt: 2,
  };

  async function push(
    server: RunningServer,
    token: string | null,
  ): Promise<{ status: number; code?: string }> {
    const response = await fetch(`${server.url}${PUSH_PATH}`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json', ...(token ? { Authorization: `Bearer ${token}` } : {}) },
      body: JSON.stringify(envelope),
    });
    const body = response.status === 204 ? null : ((await response.json()) as { error?: { code: string } });
    return { status: response.status, ...(body?.error ? { code: body.error.code } : {}) };
  }

  /** A Google-shaped ID token as Pub/Sub sends it; `overrides` bend one claim at a time. */
  function idToken(
    overrides: {
      claims?: JWTPayload;
      issuer?: string;
      audience?: string;
      expiresAt?: number;
      key?: CryptoKey;
    } = {},
  ) {
    return new SignJWT({ email: PUSH_ACCOUNT, email_verified: true, ...overrides.claims })
      .setProtectedHeader({ alg: 'RS256', kid: 'google-1', typ: 'JWT' })
      .setIssuer(overrides.issuer ?? GOOGLE)
      .setSubject('104857600123456789012')
      .setAudience(overrides.audience ?? audience)
      .setIssuedAt()
      .setExpirationTime(overrides.expiresAt ?? Math.floor(Date.now() / 1000) + 3600)
      .sign(overrides.key ?? privateKey);
  }

  const unsigned = (payload: JWTPayload) =>
    [{ alg: 'none', typ: 'JWT' }, payload]
      .map((part) => Buffer.from(JSON.stringify(part)).toString('base64url'))
      .join('.') + '.';

  it('when the token is valid, then the handler gets the decoded message and Pub/Sub gets 204', async () => {
    expect(await push(verified, await idToken())).toEqual({ status: 204 });

    expect(handled).toHaveLength(1);
    expect(handled[0]).toMatchObject({
      messageId: '1234',
      attributes: { event: 'image.updated' },
      orderingKey: 'participant-1',
      deliveryAttempt: 2,
      subscription: SUBSCRIPTION,
    });
    expect(handled[0]!.data.toString()).toBe('{"imageId":"img_1"}');
  });

  it.each([
    ['there is no token', async () => null, 401],
    [
      'the audience is another service',
      async () => idToken({ audience: 'https://other.example/pubsub/push' }),
      401,
    ],
    ['the issuer is not Google', async () => idToken({ issuer: 'https://evil.example' }), 401],
    ['the token has expired', async () => idToken({ expiresAt: Math.floor(Date.now() / 1000) - 600 }), 401],
    ['another key signed it', async () => idToken({ key: otherKey }), 401],
    [
      'it is unsigned (alg none)',
      async () =>
        unsigned({
          iss: GOOGLE,
          aud: audience,
          sub: '1',
          email: PUSH_ACCOUNT,
          email_verified: true,
          exp: Math.floor(Date.now() / 1000) + 3600,
        }),
      401,
    ],
    [
      'the email is another account',
      async () => idToken({ claims: { email: 'intruder@x.iam.gserviceaccount.com' } }),
      403,
    ],
    ['the email is not verified', async () => idToken({ claims: { email_verified: false } }), 403],
    ['there is no email', async () => idToken({ claims: { email: undefined } }), 403],
  ])('when %s, then the push is refused and the handler is not called', async (_case, token, status) => {
    const result = await push(verified, await token());

    expect(result.status).toBe(status);
    expect(result.code).toMatch(/^AUTH\./);
    expect(handled).toEqual([]);
    expect(published).toEqual([]);
  });

  it('when push authentication is explicitly disabled, then a push without a token is accepted', async () => {
    expect(await push(open, null)).toEqual({ status: 204 });

    expect(handled).toHaveLength(1);
  });

  it('when the handler rejects a poison message, then it is dead-lettered with its reason and acknowledged', async () => {
    outcome = { status: 'rejected', reason: 'payload does not decode' };

    expect(await push(verified, await idToken())).toEqual({ status: 204 });

    expect(published).toHaveLength(1);
    expect(published[0]!.topic).toBe(DEAD_LETTER_TOPIC);
    expect(published[0]!.message.data.toString()).toBe('{"imageId":"img_1"}');
    expect(published[0]!.message.attributes).toEqual({
      event: 'image.updated',
      [DEAD_LETTER.subscription]: SUBSCRIPTION,
      [DEAD_LETTER.topic]: 'image-updated',
      [DEAD_LETTER.messageId]: '1234',
      [DEAD_LETTER.attempts]: '2',
      [DEAD_LETTER.kind]: 'rejected',
      [DEAD_LETTER.reason]: 'payload does not decode',
      [DEAD_LETTER.orderingKey]: 'participant-1',
    });
  });

  it('when the handler asks to retry, then Pub/Sub gets a non-2xx and nothing is dead-lettered', async () => {
    outcome = { status: 'retry', reason: 'dependency down' };

    expect(await push(verified, await idToken())).toEqual({ status: 503, code: 'DELIVERY.RETRY' });

    expect(published).toEqual([]);
  });
});

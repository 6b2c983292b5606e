import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { exportJWK, generateKeyPair, SignJWT, type CryptoKey } from 'jose';
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import { isAppError } from '../errors/app-error';
import { JwtVerifier, VERIFIED_TOKEN_TTL_MS } from './jwt-verifier';

const ISSUER = 'https://issuer.example.test/';
const AUDIENCE = 'https://image-server.example.test';

/** The verifier's memory of verified tokens: what it saves, and that it never outlives a token or its time. */
describe('JwtVerifier remembers verified tokens', () => {
  let privateKey: CryptoKey;
  let jwks: Server;
  let jwksUrl: string;
  let fetches = 0;

  beforeAll(async () => {
    const pair = await generateKeyPair('RS256', { extractable: true });
    privateKey = pair.privateKey;
    const jwk = { ...(await exportJWK(pair.publicKey)), kid: 'k1', alg: 'RS256', use: 'sig' };
    jwks = createServer((_req, res) => {
      fetches++;
      res.writeHead(200, { 'Content-Type': 'application/json' }).end(JSON.stringify({ keys: [jwk] }));
    });
    await new Promise<void>((resolve) => jwks.listen(0, '127.0.0.1', resolve));
    jwksUrl = `http://127.0.0.1:${(jwks.address() as AddressInfo).port}/jwks.json`;
  });
  afterAll(() => new Promise((resolve) => jwks.close(resolve)));
  afterEach(() => vi.useRealTimers());

  const sign = (expiresInSeconds: number) => {
    const now = Math.floor(Date.now() / 1000);
    return new SignJWT({ email: 'backend@example.test' })
      .setProtectedHeader({ alg: 'RS256', kid: 'k1' })
      .setIssuer(ISSUER)
      .setAudience(AUDIENCE)
      .setSubject('backend')
      .setIssuedAt(now)
      .setExpirationTime(now + expiresInSeconds)
      .sign(privateKey);
  };
  const codeOf = async (promise: Promise<unknown>) =>
    promise.then(
      () => 'accepted',
      (err: unknown) => (isAppError(err) ? err.code : String(err)),
    );

  it('when the same token comes again, then it is accepted with the same claims', async () => {
    const verifier = new JwtVerifier({ jwksUrl, issuer: ISSUER, audience: AUDIENCE });
    const token = await sign(3600);
    const first = await verifier.verify(token);
    const again = await verifier.verify(token);
    expect(again).toEqual(first);
    expect(again.email).toBe('backend@example.test');
  });

  it('when a remembered token passes its exp, then it is refused as expired', async () => {
    const verifier = new JwtVerifier({
      jwksUrl,
      issuer: ISSUER,
      audience: AUDIENCE,
      clockToleranceSeconds: 0,
    });
    const token = await sign(2);
    expect(await codeOf(verifier.verify(token))).toBe('accepted');
    vi.useFakeTimers({ now: Date.now() + 3000, toFake: ['Date'] });
    expect(await codeOf(verifier.verify(token))).toBe('AUTH.TOKEN_EXPIRED');
  });

  it('when a token was remembered longer than the trust window, then its signature is checked again', async () => {
    const verifier = new JwtVerifier({ jwksUrl, issuer: ISSUER, audience: AUDIENCE });
    const token = await sign(3600);
    await verifier.verify(token);
    const before = fetches;
    // Past the window the keys are stale too (cached 10 minutes): checking again fetches them.
    vi.useFakeTimers({ now: Date.now() + Math.max(VERIFIED_TOKEN_TTL_MS, 600_000) + 1000, toFake: ['Date'] });
    expect(await codeOf(verifier.verify(token))).toBe('accepted');
    expect(fetches).toBeGreaterThan(before);
  });

  it('when a token is forged, then it is refused every time, never remembered', async () => {
    const verifier = new JwtVerifier({ jwksUrl, issuer: ISSUER, audience: AUDIENCE });
    const token = await sign(3600);
    const forged = `${token.slice(0, token.lastIndexOf('.') + 1)}${'A'.repeat(342)}`;
    expect(await codeOf(verifier.verify(forged))).toBe('AUTH.UNAUTHENTICATED');
    expect(await codeOf(verifier.verify(forged))).toBe('AUTH.UNAUTHENTICATED');
  });
});

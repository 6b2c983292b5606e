import { exportJWK, generateKeyPair, SignJWT, type CryptoKey } from 'jose';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';

export const GOOGLE_ISSUER = 'https://accounts.google.com';

/** Google-shaped ID tokens for tests: a key pair, its JWKS served on 127.0.0.1, and tokens signed with it. */
export interface GoogleIdTokens {
  /** Where the verifier fetches the public key (GOOGLE_JWKS_URL). */
  jwksUrl: string;
  /** An ID token of a service account, as Cloud Scheduler or Pub/Sub sends one. */
  sign(email: string, audience: string): Promise<string>;
  close(): Promise<void>;
}

export async function startGoogleIdTokens(): Promise<GoogleIdTokens> {
  const pair = await generateKeyPair('RS256', { extractable: true });
  const key: CryptoKey = pair.privateKey;
  const jwk = { ...(await exportJWK(pair.publicKey)), kid: 'g1', alg: 'RS256', use: 'sig' };
  const server: Server = createServer((_req, res) =>
    res.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify({ keys: [jwk] })),
  );
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return {
    jwksUrl: `http://127.0.0.1:${(server.address() as AddressInfo).port}/certs`,
    sign: (email, audience) =>
      new SignJWT({ email, email_verified: true })
        .setProtectedHeader({ alg: 'RS256', kid: 'g1' })
        .setIssuer(GOOGLE_ISSUER)
        .setAudience(audience)
        .setSubject('1234')
        .setIssuedAt()
        .setExpirationTime('5m')
        .sign(key),
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}

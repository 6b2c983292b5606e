import { exportJWK, generateKeyPair, importJWK, SignJWT, type JWK, type CryptoKey } from 'jose';
import { mkdir, readFile, writeFile, rename } from 'node:fs/promises';
import { join } from 'node:path';
import { ROLE_PERMISSIONS } from '../domain/permissions';
import { randomToken } from '../security/hashing';

interface KeyFile {
  kid: string;
  privateJwk: JWK;
  /** The client secret the token endpoint asks for, so tokens are not free for anyone on the venue network. */
  clientSecret: string;
}

export type DevRole = keyof typeof ROLE_PERMISSIONS;

/**
 * The embedded identity provider: an RS256 key kept in the data directory (tokens survive restarts), a JWKS,
 * and tokens shaped like Auth0's access tokens (iss, aud, sub, exp, permissions) and like Google's ID tokens for
 * service-to-service calls. Verifiers check them with exactly the code that checks the real ones.
 */
export class DevIdentityProvider {
  private constructor(
    readonly issuer: string,
    private readonly kid: string,
    private readonly privateKey: CryptoKey,
    private readonly publicJwk: JWK,
    readonly clientSecret: string,
  ) {}

  /** Loads the key from `dir`, creating it on first use. `issuer` ends with a slash, as Auth0's does. */
  static async load(dir: string, issuer: string): Promise<DevIdentityProvider> {
    const file = join(dir, 'dev-idp-key.json');
    let keyFile: KeyFile;
    try {
      keyFile = JSON.parse(await readFile(file, 'utf8')) as KeyFile;
    } catch {
      const { privateKey } = await generateKeyPair('RS256', { extractable: true });
      keyFile = {
        kid: randomToken(64),
        privateJwk: await exportJWK(privateKey),
        clientSecret: randomToken(128),
      };
      await mkdir(dir, { recursive: true });
      await writeFile(`${file}.tmp`, JSON.stringify(keyFile), { mode: 0o600 });
      await rename(`${file}.tmp`, file);
    }
    const privateKey = (await importJWK(keyFile.privateJwk, 'RS256')) as CryptoKey;
    const { d: _d, p: _p, q: _q, dp: _dp, dq: _dq, qi: _qi, ...publicJwk } = keyFile.privateJwk;
    return new DevIdentityProvider(
      issuer,
      keyFile.kid,
      privateKey,
      { ...publicJwk, kid: keyFile.kid, alg: 'RS256', use: 'sig' },
      keyFile.clientSecret,
    );
  }

  jwks(): { keys: JWK[] } {
    return { keys: [this.publicJwk] };
  }

  /** An Auth0-shaped access token for an operator or staff member. */
  async accessToken(input: {
    role: DevRole;
    subject: string;
    audience: string;
    ttlSeconds?: number;
  }): Promise<string> {
    return this.sign(
      { permissions: ROLE_PERMISSIONS[input.role], azp: 'dev-console' },
      input.subject,
      input.audience,
      input.ttlSeconds ?? 3600,
    );
  }

  /** A Google-shaped ID token for a service account calling another service. */
  async serviceToken(input: { email: string; audience: string; ttlSeconds?: number }): Promise<string> {
    return this.sign(
      { email: input.email, email_verified: true },
      input.email,
      input.audience,
      input.ttlSeconds ?? 3600,
    );
  }

  /** For tests: any claims, any key id, any algorithm header stays RS256. */
  async sign(
    claims: Record<string, unknown>,
    subject: string,
    audience: string,
    ttlSeconds: number,
    issuer = this.issuer,
  ): Promise<string> {
    return new SignJWT(claims)
      .setProtectedHeader({ alg: 'RS256', kid: this.kid, typ: 'JWT' })
      .setIssuer(issuer)
      .setSubject(subject)
      .setAudience(audience)
      .setIssuedAt()
      .setExpirationTime(Math.floor(Date.now() / 1000) + ttlSeconds)
      .sign(this.privateKey);
  }
}

import { importJWK, SignJWT, type CryptoKey, type JWK } from 'jose';
import { join } from 'node:path';
import { ROLE_PERMISSIONS } from '../domain/permissions';
import { BrowserClients, type BrowserClient, type BrowserClientRegistration } from './browser-clients';
import { loadDevIdentityKeys, type DevIdentityKeys } from './dev-identity-keys';
import {
  DEV_USERS,
  permissionsOf,
  subjectOf,
  type ClientCredentialsClient,
  type DevRole,
  type DevUser,
} from './dev-users';
import { RefreshTokenStore } from './refresh-tokens.sqlite';

export type { DevRole } from './dev-users';

export interface DevIdentityProviderOptions {
  /** The API audience (AUTH_AUDIENCE): the only one the HTTP endpoints issue access tokens for. */
  audience: string;
}

/**
 * The embedded identity provider: an RS256 key kept in the data directory (tokens survive restarts), a JWKS,
 * and tokens shaped like Auth0's (access tokens with iss, aud, sub, exp, permissions; ID tokens for browser logins)
 * and like Google's ID tokens for service-to-service calls. Verifiers check them with exactly the code that checks
 * the real ones. Over HTTP it issues tokens only for its configured audience, to its own users and clients; the
 * in-process methods below sign anything, for tests and for the embedded services' own calls.
 */
export class DevIdentityProvider {
  readonly browserClients = new BrowserClients();

  private constructor(
    readonly issuer: string,
    readonly audience: string,
    private readonly keys: DevIdentityKeys,
    private readonly privateKey: CryptoKey,
    readonly refreshTokens: RefreshTokenStore,
  ) {}

  /** Loads the keys from `dir`, creating them on first use. `issuer` ends with a slash, as Auth0's does. */
  static async load(
    dir: string,
    issuer: string,
    options: DevIdentityProviderOptions,
  ): Promise<DevIdentityProvider> {
    const keys = await loadDevIdentityKeys(dir);
    const privateKey = (await importJWK(keys.privateJwk, 'RS256')) as CryptoKey;
    const refreshTokens = RefreshTokenStore.open(join(dir, 'refresh-tokens.sqlite'));
    return new DevIdentityProvider(issuer, options.audience, keys, privateKey, refreshTokens);
  }

  /** Signs login transactions and the login session cookie. */
  get hmacKey(): string {
    return this.keys.hmacKey;
  }

  jwks(): { keys: JWK[] } {
    const { d: _d, p: _p, q: _q, dp: _dp, dq: _dq, qi: _qi, ...publicJwk } = this.keys.privateJwk;
    return { keys: [{ ...publicJwk, kid: this.keys.kid, alg: 'RS256', use: 'sig' }] };
  }

  /** The secret of a client-credentials client (`npm start` prints it in the token command). */
  clientSecret(clientId: ClientCredentialsClient): string {
    return this.keys.clientSecrets[clientId];
  }

  /** The passcode the login page asks of a dev user (`npm start` prints them). */
  passcode(userId: string): string {
    const passcode = this.keys.passcodes[userId];
    if (passcode === undefined) throw new Error(`no dev user ${userId}`);
    return passcode;
  }

  users(): readonly DevUser[] {
    return DEV_USERS;
  }

  /**
   * Lets a browser app log in with authorization code + PKCE, as an Auth0 single-page application would: its
   * callback URLs, logout URLs and web origins. Called by the composition root when the app's server starts.
   */
  registerBrowserClient(registration: BrowserClientRegistration): BrowserClient {
    return this.browserClients.register(registration);
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

  /** A client-credentials token: the client's own role and subject, for the configured audience only. */
  async clientAccessToken(clientId: ClientCredentialsClient, ttlSeconds: number): Promise<string> {
    return this.sign(
      { permissions: ROLE_PERMISSIONS[clientId], azp: clientId, gty: 'client-credentials' },
      `dev|${clientId}`,
      this.audience,
      ttlSeconds,
    );
  }

  /** The access token a dev user gets from a browser login: for the configured audience, naming the client. */
  async userAccessToken(user: DevUser, clientId: string, scope: string, ttlSeconds: number): Promise<string> {
    return this.sign(
      { permissions: permissionsOf(user), azp: clientId, scope },
      subjectOf(user),
      this.audience,
      ttlSeconds,
    );
  }

  /** An OpenID Connect ID token for a browser client, with every claim auth0-spa-js checks (iss, aud, sub, azp, nonce, exp, iat). */
  async idToken(input: {
    user: DevUser;
    clientId: string;
    nonce: string | null;
    authTime: number;
    ttlSeconds: number;
  }): Promise<string> {
    const { user } = input;
    return this.sign(
      {
        azp: input.clientId,
        auth_time: input.authTime,
        name: user.name,
        nickname: user.id,
        ...(input.nonce === null ? {} : { nonce: input.nonce }),
      },
      subjectOf(user),
      input.clientId,
      input.ttlSeconds,
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

  /** For tests: any claims (an `iat` among them is kept), any audience, any issuer; always RS256 with this key. */
  async sign(
    claims: Record<string, unknown>,
    subject: string,
    audience: string,
    ttlSeconds: number,
    issuer = this.issuer,
  ): Promise<string> {
    const now = Math.floor(Date.now() / 1000);
    return new SignJWT(claims)
      .setProtectedHeader({ alg: 'RS256', kid: this.keys.kid, typ: 'JWT' })
      .setIssuer(issuer)
      .setSubject(subject)
      .setAudience(audience)
      .setIssuedAt(typeof claims.iat === 'number' ? claims.iat : now)
      .setExpirationTime(now + ttlSeconds)
      .sign(this.privateKey);
  }

  close(): void {
    this.refreshTokens.close();
  }
}

import express from 'express';
import { createLocalJWKSet, jwtVerify } from 'jose';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { ROLE_PERMISSIONS } from '../domain/permissions';
import { errorHandler } from '../http/error-handler';
import { silentLogger } from '../http/logger';
import { requestContextMiddleware } from '../http/request-context';
import { startServer, type RunningServer } from '../http/server';
import { claimsOf, OidcBrowser } from '../testing/oidc-browser';
import { tempDir } from '../testing/system-under-test';
import { CODE_TTL_MS } from './authorization-codes';
import { DevIdentityProvider } from './dev-identity-provider';
import { devIdentityRoutes } from './dev-identity.routes';

const AUDIENCE = 'https://api.test.example';
const APP = 'http://127.0.0.1:5173';
const app = { clientId: 'staff-app', redirectUri: `${APP}/`, audience: AUDIENCE, origin: APP };

interface OAuthErrorBody {
  error: string;
  error_description: string;
  code: string;
}

async function expectOAuthError(res: Response, status: number, error: string, code: string) {
  const body = (await res.json()) as OAuthErrorBody;
  expect({ status: res.status, error: body.error, code: body.code }).toEqual({ status, error, code });
  expect(res.headers.get('cache-control')).toBe('no-store');
  return body;
}

describe('the dev identity provider over HTTP', () => {
  let dir: Awaited<ReturnType<typeof tempDir>>;
  let server: RunningServer;
  let idp: DevIdentityProvider;
  let issuer: string;
  let clock = Date.now();
  let routes: express.Router | null = null;

  beforeAll(async () => {
    dir = await tempDir();
    const web = express();
    web.use(requestContextMiddleware(silentLogger(), null));
    web.use((req, res, next) => (routes ? routes(req, res, next) : next()));
    web.use(errorHandler);
    server = await startServer(web, { port: 0, host: '127.0.0.1', logger: silentLogger(), name: 'idp' });
    issuer = `${server.url}/`;
    await load();
  });
  afterAll(async () => {
    idp.close();
    await server.close();
    await dir.remove();
  });
  beforeEach(() => {
    clock = Date.now();
  });

  /** (Re)starts the provider on the same data directory, as `npm start` does after a restart. */
  async function load() {
    idp = await DevIdentityProvider.load(dir.dir, issuer, { audience: AUDIENCE });
    idp.registerBrowserClient({
      clientId: 'staff-app',
      redirectUris: [`${APP}/`],
      logoutUrls: [`${APP}/`],
      origins: [APP],
    });
    routes = devIdentityRoutes(idp, { now: () => clock });
  }

  const browser = () => new OidcBrowser(issuer, app);
  const staffLogin = async (b = browser(), overrides: Record<string, string | undefined> = {}) =>
    b.logIn('staff', idp.passcode('staff'), overrides);
  const tokensOf = async (res: Response) => {
    expect(res.status, await res.clone().text()).toBe(200);
    return (await res.json()) as {
      access_token: string;
      id_token: string;
      refresh_token?: string;
      expires_in: number;
      scope: string;
      token_type: string;
    };
  };

  describe('client credentials', () => {
    const ask = (body: Record<string, unknown>) =>
      fetch(`${issuer}oauth/token`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ grant_type: 'client_credentials', audience: AUDIENCE, ...body }),
      });

    it("when each client presents its own secret, then it gets its role's token with its own subject", async () => {
      for (const client of ['operator', 'staff'] as const) {
        const res = await ask({ client_id: client, client_secret: idp.clientSecret(client) });
        const { access_token } = await tokensOf(res);
        expect(claimsOf(access_token)).toMatchObject({
          iss: issuer,
          aud: AUDIENCE,
          sub: `dev|${client}`,
          azp: client,
          permissions: ROLE_PERMISSIONS[client],
        });
      }
      expect(idp.clientSecret('operator')).not.toBe(idp.clientSecret('staff'));
    });

    it('when the staff secret is presented for the operator client, then 401 invalid_client and no token', async () => {
      const res = await ask({ client_id: 'operator', client_secret: idp.clientSecret('staff') });
      const body = await expectOAuthError(res, 401, 'invalid_client', 'OAUTH.INVALID_CLIENT');
      expect(body).not.toHaveProperty('access_token');
    });

    it('when another audience is asked for, then 403 access_denied OAUTH.AUDIENCE_NOT_ALLOWED', async () => {
      const res = await ask({
        client_id: 'operator',
        client_secret: idp.clientSecret('operator'),
        audience: 'https://image-server.internal',
      });
      await expectOAuthError(res, 403, 'access_denied', 'OAUTH.AUDIENCE_NOT_ALLOWED');
    });

    it('when a subject is passed, then 400 invalid_request naming it, and no token', async () => {
      const res = await ask({
        client_id: 'staff',
        client_secret: idp.clientSecret('staff'),
        subject: 'dev|boss',
      });
      const body = await expectOAuthError(res, 400, 'invalid_request', 'REQUEST.INVALID');
      expect(body.error_description).toMatch(/subject/);
    });

    it('when a browser client asks for client credentials, then 403 unauthorized_client', async () => {
      const res = await ask({ client_id: 'staff-app', client_secret: 'x' });
      await expectOAuthError(res, 403, 'unauthorized_client', 'OAUTH.UNAUTHORIZED_CLIENT');
    });
  });

  describe('browser login with authorization code and PKCE', () => {
    it('when discovery is read, then every endpoint it lists is served', async () => {
      const doc = (await (await fetch(`${issuer}.well-known/openid-configuration`)).json()) as Record<
        string,
        unknown
      >;
      expect(doc).toMatchObject({
        issuer,
        authorization_endpoint: `${issuer}authorize`,
        token_endpoint: `${issuer}oauth/token`,
        jwks_uri: `${issuer}.well-known/jwks.json`,
        end_session_endpoint: `${issuer}v2/logout`,
        code_challenge_methods_supported: ['S256'],
      });
      for (const key of ['authorization_endpoint', 'jwks_uri', 'end_session_endpoint']) {
        expect((await fetch(doc[key] as string, { redirect: 'manual' })).status).not.toBe(404);
      }
      expect((await fetch(doc.token_endpoint as string, { method: 'POST' })).status).not.toBe(404);
    });

    it('when a staff member logs in, then the code gives an access token, an ID token auth0-spa-js accepts, and a refresh token', async () => {
      const b = browser();
      const tx = b.transaction();
      const page = await b.navigate(tx.url);
      expect(page.status).toBe(200);
      expect(page.headers.get('content-type')).toMatch(/^text\/html/);
      expect(page.headers.get('content-security-policy')).toMatch(/frame-ancestors 'none'/);
      const html = await page.text();
      for (const user of idp.users()) expect(html).toContain(`value="${user.id}"`);
      expect(html).toMatch(/No permissions/);

      const back = await b.submitLogin(html, {
        user: 'staff',
        passcode: idp.passcode('staff').toLowerCase(),
      });
      expect(back.status).toBe(303);
      const callback = new URL(back.headers.get('location')!);
      expect(`${callback.origin}${callback.pathname}`).toBe(app.redirectUri);
      expect(callback.searchParams.get('state')).toBe(tx.state);

      const tokens = await tokensOf(await b.exchange(callback.searchParams.get('code')!, tx.verifier));
      expect(tokens).toMatchObject({
        token_type: 'Bearer',
        expires_in: 3600,
        scope: 'openid profile email offline_access',
      });
      expect(claimsOf(tokens.access_token)).toMatchObject({
        iss: issuer,
        aud: AUDIENCE,
        sub: 'dev|staff',
        azp: 'staff-app',
        permissions: ROLE_PERMISSIONS.staff,
      });
      // What auth0-spa-js's verify() checks: RS256, iss = domain + '/', aud = client id, sub, nonce, exp and iat numbers.
      const { payload, protectedHeader } = await jwtVerify(tokens.id_token, createLocalJWKSet(idp.jwks()), {
        issuer,
        audience: 'staff-app',
        algorithms: ['RS256'],
      });
      expect(protectedHeader.alg).toBe('RS256');
      expect(payload).toMatchObject({ sub: 'dev|staff', azp: 'staff-app', nonce: tx.nonce, name: 'Staff' });
      expect(typeof payload.iat).toBe('number');
      expect(typeof payload.auth_time).toBe('number');
      expect(tokens.refresh_token).toEqual(expect.any(String));
    });

    it('when the token request is JSON rather than form data, then it is served the same', async () => {
      const b = browser();
      const { tx, code } = await staffLogin(b);
      const res = await b.token(
        {
          client_id: 'staff-app',
          grant_type: 'authorization_code',
          code: code!,
          code_verifier: tx.verifier,
          redirect_uri: app.redirectUri,
        },
        'json',
      );
      expect((await tokensOf(res)).access_token).toEqual(expect.any(String));
    });

    it('when offline_access is not asked for, then no refresh token is issued', async () => {
      const b = browser();
      const { tx, code } = await staffLogin(b, { scope: 'openid profile' });
      const tokens = await tokensOf(await b.exchange(code!, tx.verifier));
      expect(tokens.refresh_token).toBeUndefined();
      expect(tokens.scope).toBe('openid profile');
    });

    it('when refresh tokens rotate, then each works once; a rotated one presented again revokes the whole family', async () => {
      const b = browser();
      const { tx, code } = await staffLogin(b);
      const first = await tokensOf(await b.exchange(code!, tx.verifier));
      const second = await tokensOf(await b.refresh(first.refresh_token!));
      expect(second.refresh_token).not.toBe(first.refresh_token);
      expect(claimsOf(second.id_token)).toMatchObject({ sub: 'dev|staff', aud: 'staff-app' });
      expect(claimsOf(second.access_token)).toMatchObject({
        sub: 'dev|staff',
        permissions: ROLE_PERMISSIONS.staff,
      });

      await expectOAuthError(
        await b.refresh(first.refresh_token!),
        400,
        'invalid_grant',
        'OAUTH.REFRESH_TOKEN_REUSED',
      );
      await expectOAuthError(
        await b.refresh(second.refresh_token!),
        400,
        'invalid_grant',
        'OAUTH.REFRESH_TOKEN_INVALID',
      );
    });

    it('when the provider restarts, then a refresh token issued before still works', async () => {
      const b = browser();
      const { tx, code } = await staffLogin(b);
      const tokens = await tokensOf(await b.exchange(code!, tx.verifier));
      idp.close();
      await load();
      expect((await tokensOf(await b.refresh(tokens.refresh_token!))).access_token).toEqual(
        expect.any(String),
      );
    });

    it('when the app logs out, then its refresh tokens from this browser stop working and the browser returns to the app', async () => {
      const b = browser();
      const other = browser();
      const mine = await staffLogin(b);
      const theirs = await staffLogin(other);
      const tokens = await tokensOf(await b.exchange(mine.code!, mine.tx.verifier));
      const otherTokens = await tokensOf(await other.exchange(theirs.code!, theirs.tx.verifier));

      const out = await b.navigate(
        `${issuer}v2/logout?client_id=staff-app&returnTo=${encodeURIComponent(`${APP}/`)}`,
      );
      expect(out.status).toBe(303);
      expect(out.headers.get('location')).toBe(`${APP}/`);
      await expectOAuthError(
        await b.refresh(tokens.refresh_token!),
        400,
        'invalid_grant',
        'OAUTH.REFRESH_TOKEN_INVALID',
      );
      // Another phone logged in as the same dev user keeps its session.
      expect((await other.refresh(otherTokens.refresh_token!)).status).toBe(200);
      // And this browser's provider session is over: a silent login is refused.
      const silent = await b.navigate(b.transaction({ prompt: 'none' }).url);
      expect(new URL(silent.headers.get('location')!).searchParams.get('error')).toBe('login_required');
    });

    it('when prompt=none comes with no login session, then login_required goes back to the app with the state; with one, a code', async () => {
      const b = browser();
      const tx = b.transaction({ prompt: 'none' });
      const res = await b.navigate(tx.url);
      expect(res.status).toBe(303);
      const back = new URL(res.headers.get('location')!);
      expect(Object.fromEntries(back.searchParams)).toMatchObject({
        error: 'login_required',
        state: tx.state,
      });

      await staffLogin(b);
      const again = b.transaction({ prompt: 'none' });
      const silent = new URL((await b.navigate(again.url)).headers.get('location')!);
      expect(silent.searchParams.get('state')).toBe(again.state);
      expect(
        (await tokensOf(await b.exchange(silent.searchParams.get('code')!, again.verifier))).id_token,
      ).toBeTruthy();
    });
  });

  describe('refusals', () => {
    it('when the code verifier is wrong, then invalid_grant OAUTH.PKCE_MISMATCH, and the code is spent', async () => {
      const b = browser();
      const { tx, code } = await staffLogin(b);
      const wrong = 'w'.repeat(43);
      await expectOAuthError(await b.exchange(code!, wrong), 400, 'invalid_grant', 'OAUTH.PKCE_MISMATCH');
      await expectOAuthError(await b.exchange(code!, tx.verifier), 400, 'invalid_grant', 'OAUTH.CODE_USED');
    });

    it('when a code is exchanged twice, then the second is refused and the refresh token the first gave is revoked', async () => {
      const b = browser();
      const { tx, code } = await staffLogin(b);
      const tokens = await tokensOf(await b.exchange(code!, tx.verifier));
      await expectOAuthError(await b.exchange(code!, tx.verifier), 400, 'invalid_grant', 'OAUTH.CODE_USED');
      await expectOAuthError(
        await b.refresh(tokens.refresh_token!),
        400,
        'invalid_grant',
        'OAUTH.REFRESH_TOKEN_INVALID',
      );
    });

    it('when the code is older than its lifetime, then invalid_grant OAUTH.CODE_EXPIRED', async () => {
      const b = browser();
      const { tx, code } = await staffLogin(b);
      clock += CODE_TTL_MS + 1;
      await expectOAuthError(
        await b.exchange(code!, tx.verifier),
        400,
        'invalid_grant',
        'OAUTH.CODE_EXPIRED',
      );
    });

    it('when the code is exchanged with another redirect_uri or client, then invalid_grant OAUTH.CODE_MISMATCH', async () => {
      const b = browser();
      const first = await staffLogin(b);
      const res = await b.exchange(first.code!, first.tx.verifier, { redirect_uri: `${APP}/elsewhere` });
      await expectOAuthError(res, 400, 'invalid_grant', 'OAUTH.CODE_MISMATCH');
      idp.registerBrowserClient({ clientId: 'operator-console', redirectUris: [`${APP}/console/`] });
      const second = await staffLogin(b);
      const foreign = await b.exchange(second.code!, second.tx.verifier, { client_id: 'operator-console' });
      await expectOAuthError(foreign, 400, 'invalid_grant', 'OAUTH.CODE_MISMATCH');
    });

    it('when a code or refresh token is made up, then invalid_grant; an unknown client is invalid_client', async () => {
      const b = browser();
      await expectOAuthError(
        await b.exchange('made-up', 'v'.repeat(43)),
        400,
        'invalid_grant',
        'OAUTH.CODE_UNKNOWN',
      );
      await expectOAuthError(await b.refresh('made-up'), 400, 'invalid_grant', 'OAUTH.REFRESH_TOKEN_INVALID');
      const res = await b.token({ grant_type: 'refresh_token', client_id: 'nobody', refresh_token: 'x' });
      await expectOAuthError(res, 401, 'invalid_client', 'OAUTH.INVALID_CLIENT');
      const password = await b.token({ grant_type: 'password', client_id: 'staff-app' });
      await expectOAuthError(password, 400, 'unsupported_grant_type', 'OAUTH.UNSUPPORTED_GRANT_TYPE');
    });

    it('when the redirect_uri or client is not registered, then an error page and no redirect anywhere', async () => {
      const b = browser();
      for (const overrides of [
        { redirect_uri: 'https://evil.example/' },
        { redirect_uri: `${APP}/other` },
        { redirect_uri: `${APP}` },
        { client_id: 'nobody' },
        { client_id: undefined },
      ]) {
        const res = await b.navigate(b.transaction(overrides).url);
        expect(res.status).toBe(400);
        expect(res.headers.get('location')).toBeNull();
        expect(await res.text()).toMatch(/role="alert"/);
      }
    });

    it.each([
      ['no code_challenge', { code_challenge: undefined }, 'invalid_request'],
      ['the plain PKCE method', { code_challenge_method: 'plain' }, 'invalid_request'],
      ['no PKCE method', { code_challenge_method: undefined }, 'invalid_request'],
      ['no nonce', { nonce: undefined }, 'invalid_request'],
      ['response_type=token', { response_type: 'token' }, 'unsupported_response_type'],
      ['response_mode=fragment', { response_mode: 'fragment' }, 'invalid_request'],
      ['a foreign audience', { audience: 'https://evil.example/api' }, 'access_denied'],
      ['no openid scope', { scope: 'profile' }, 'invalid_scope'],
    ])(
      'when /authorize comes with %s, then the error goes back to the app with the state',
      async (_n, overrides, error) => {
        const b = browser();
        const tx = b.transaction(overrides);
        const res = await b.navigate(tx.url);
        expect(res.status).toBe(303);
        const back = new URL(res.headers.get('location')!);
        expect(`${back.origin}${back.pathname}`).toBe(app.redirectUri);
        expect(back.searchParams.get('error')).toBe(error);
        expect(back.searchParams.get('error_description')).toBeTruthy();
        expect(back.searchParams.get('state')).toBe(tx.state);
        expect(back.searchParams.get('code')).toBeNull();
      },
    );

    it('when the passcode is wrong, then the page says so and gives no code; five wrong ones lock the user for a minute', async () => {
      const b = browser();
      const page = await (await b.navigate(b.transaction().url)).text();
      const wrong = await b.submitLogin(page, { user: 'operator', passcode: idp.passcode('staff') });
      expect(wrong.status).toBe(401);
      expect(wrong.headers.get('location')).toBeNull();
      expect(await wrong.text()).toMatch(/role="alert"/);
      for (let i = 0; i < 4; i++) await b.submitLogin(page, { user: 'operator', passcode: 'AAAA-AAAA' });
      const locked = await b.submitLogin(page, { user: 'operator', passcode: idp.passcode('operator') });
      expect(locked.status).toBe(429);
      clock += 61_000;
      expect(
        (await b.submitLogin(page, { user: 'operator', passcode: idp.passcode('operator') })).status,
      ).toBe(303);
    });

    it('when the login form is posted without its cookie, from another origin, or altered, then it is refused', async () => {
      const b = browser();
      const page = await (await b.navigate(b.transaction().url)).text();
      const passcode = idp.passcode('staff');
      const stranger = browser();
      expect((await stranger.submitLogin(page, { user: 'staff', passcode })).status).toBe(403);
      expect((await b.submitLogin(page, { user: 'staff', passcode }, 'https://evil.example')).status).toBe(
        403,
      );
      const altered = page.replace(
        /name="tx" value="([^"]+)"/,
        (_m, tx: string) => `name="tx" value="x${tx}"`,
      );
      expect((await b.submitLogin(altered, { user: 'staff', passcode })).status).toBe(400);
      expect((await b.submitLogin(page, { user: 'staff', passcode })).status).toBe(303);
    });

    it('when logout names a returnTo that is not registered, then an error page and nothing is revoked', async () => {
      const b = browser();
      const { tx, code } = await staffLogin(b);
      const tokens = await tokensOf(await b.exchange(code!, tx.verifier));
      const res = await b.navigate(
        `${issuer}v2/logout?client_id=staff-app&returnTo=${encodeURIComponent('https://evil.example/')}`,
      );
      expect(res.status).toBe(400);
      expect(res.headers.get('location')).toBeNull();
      expect((await b.refresh(tokens.refresh_token!)).status).toBe(200);
    });
  });

  describe('pages and CORS', () => {
    it('when the browser prefers Japanese, then the login page is in Japanese', async () => {
      const b = browser();
      const html = await (await b.navigate(b.transaction().url, { 'accept-language': 'ja,en;q=0.8' })).text();
      expect(html).toContain('<html lang="ja">');
      expect(html).toContain('パスコード');
      const en = await (
        await b.navigate(b.transaction().url, { 'accept-language': 'en-US,ja;q=0.5' })
      ).text();
      expect(en).toContain('<html lang="en">');
    });

    it("when a registered app's origin calls the token endpoint, then CORS allows it; another origin gets no CORS header", async () => {
      const preflight = (origin: string) =>
        fetch(`${issuer}oauth/token`, {
          method: 'OPTIONS',
          headers: {
            origin,
            'access-control-request-method': 'POST',
            'access-control-request-headers': 'auth0-client,content-type',
          },
        });
      const allowed = await preflight(APP);
      expect(allowed.status).toBe(204);
      expect(allowed.headers.get('access-control-allow-origin')).toBe(APP);
      expect(allowed.headers.get('access-control-allow-headers')).toMatch(/Auth0-Client/i);
      const refused = await preflight('https://evil.example');
      expect(refused.headers.get('access-control-allow-origin')).toBeNull();

      const jwks = await fetch(`${issuer}.well-known/jwks.json`, { headers: { origin: APP } });
      expect(jwks.headers.get('access-control-allow-origin')).toBe(APP);
      const b = browser();
      const { tx, code } = await staffLogin(b);
      const res = await b.exchange(code!, tx.verifier);
      expect(res.headers.get('access-control-allow-origin')).toBe(APP);
    });
  });
});

import express from 'express';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { errorHandler } from '../http/error-handler';
import { silentLogger } from '../http/logger';
import { requestContextMiddleware } from '../http/request-context';
import { startServer, type RunningServer } from '../http/server';
import { claimsOf, OidcBrowser } from '../testing/oidc-browser';
import { tempDir } from '../testing/system-under-test';
import { DevIdentityProvider } from './dev-identity-provider';
import { devIdentityRoutes } from './dev-identity.routes';

const AUDIENCE = 'https://api.test.example';
const APP = 'http://127.0.0.1:5173';

/** IDENTITY_ACCESS_TOKEN_TTL_SECONDS: the lifetime of the tokens a browser login and its refreshes get. */
describe('the dev identity provider with a configured token lifetime', () => {
  let dir: Awaited<ReturnType<typeof tempDir>>;
  let server: RunningServer;
  let idp: DevIdentityProvider;
  let issuer: string;

  beforeAll(async () => {
    dir = await tempDir();
    const web = express();
    web.use(requestContextMiddleware(silentLogger(), null));
    let routes: express.Router | null = null;
    web.use((req, res, next) => (routes ? routes(req, res, next) : next()));
    web.use(errorHandler);
    server = await startServer(web, { port: 0, host: '127.0.0.1', logger: silentLogger(), name: 'idp' });
    issuer = `${server.url}/`;
    idp = await DevIdentityProvider.load(dir.dir, issuer, { audience: AUDIENCE });
    idp.registerBrowserClient({
      clientId: 'operator-console',
      redirectUris: [`${APP}/`],
      logoutUrls: [`${APP}/`],
      origins: [APP],
    });
    routes = devIdentityRoutes(idp, { accessTokenTtlSeconds: 5 });
  });
  afterAll(async () => {
    idp.close();
    await server.close();
    await dir.remove();
  });

  it('when a login and a refresh get tokens, then each lives the configured 5 s', async () => {
    const b = new OidcBrowser(issuer, {
      clientId: 'operator-console',
      redirectUri: `${APP}/`,
      audience: AUDIENCE,
      origin: APP,
    });
    const { tx, code } = await b.logIn('operator', idp.passcode('operator'));
    const first = (await (await b.exchange(code!, tx.verifier)).json()) as Record<string, string | number>;
    const second = (await (await b.refresh(String(first.refresh_token))).json()) as Record<
      string,
      string | number
    >;
    for (const tokens of [first, second]) {
      expect(tokens.expires_in).toBe(5);
      for (const jwt of [tokens.access_token, tokens.id_token]) {
        const claims = claimsOf(String(jwt)) as { iat: number; exp: number };
        expect(claims.exp - claims.iat).toBe(5);
      }
    }
  });
});

import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { claimsOf, OidcBrowser } from '@photo/shared/testing/oidc-browser';
import { startHarness, type Harness } from './harness';
import { expectError, json } from './support';

const APP = 'http://127.0.0.1:5174';

/** The apps' login on the embedded default, end to end: the dev identity provider's tokens at the real backend. */
describe('browser login at the dev identity provider, used at the backend API', () => {
  let h: Harness;
  let browser: () => OidcBrowser;

  beforeAll(async () => {
    h = await startHarness();
    h.system.idp.registerBrowserClient({
      clientId: 'operator-console',
      redirectUris: [`${APP}/`],
      logoutUrls: [`${APP}/`],
      origins: [APP],
    });
    browser = () =>
      new OidcBrowser(`${h.system.urls.identity}/`, {
        clientId: 'operator-console',
        redirectUri: `${APP}/`,
        audience: h.system.audience,
        origin: APP,
      });
  });
  afterAll(() => h.stop());

  const logIn = async (user: string) => {
    const b = browser();
    const { tx, code } = await b.logIn(user, h.system.idp.passcode(user));
    const res = await b.exchange(code!, tx.verifier);
    expect(res.status).toBe(200);
    return { b, tokens: (await res.json()) as { access_token: string; refresh_token: string } };
  };

  it('when an operator logs in through the page, then the backend accepts the access token, also after a refresh', async () => {
    const { b, tokens } = await logIn('operator');
    expect(claimsOf(tokens.access_token)).toMatchObject({ sub: 'dev|operator', azp: 'operator-console' });
    const created = await h.api('/participants', {
      method: 'POST',
      token: tokens.access_token,
      ...json({ displayName: 'Logged-in Operator Test' }),
    });
    expect(created.status).toBe(201);
    const refreshed = (await (await b.refresh(tokens.refresh_token)).json()) as { access_token: string };
    expect((await h.api('/participants', { token: refreshed.access_token })).status).toBe(200);
  });

  it('when staff log in, then staff routes answer and operator routes say 403 AUTH.FORBIDDEN', async () => {
    const { tokens } = await logIn('staff');
    expect((await h.api('/participants', { token: tokens.access_token })).status).toBe(200);
    await expectError(
      await h.api('/participants', {
        method: 'POST',
        token: tokens.access_token,
        ...json({ displayName: 'X' }),
      }),
      403,
      'AUTH.FORBIDDEN',
    );
  });

  it('when a user with no permissions logs in, then the login works and the backend answers 403 AUTH.FORBIDDEN', async () => {
    const { tokens } = await logIn('guest');
    expect(claimsOf(tokens.access_token)).toMatchObject({ sub: 'dev|guest', permissions: [] });
    await expectError(await h.api('/participants', { token: tokens.access_token }), 403, 'AUTH.FORBIDDEN');
  });

  it('when the staff client secret is presented as the operator client, then the running provider refuses it', async () => {
    const res = await fetch(`${h.system.urls.identity}/oauth/token`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({
        grant_type: 'client_credentials',
        client_id: 'operator',
        client_secret: h.system.idp.clientSecret('staff'),
        audience: h.system.audience,
      }),
    });
    expect(res.status).toBe(401);
    expect(await res.json()).toMatchObject({ error: 'invalid_client', code: 'OAUTH.INVALID_CLIENT' });
  });
});

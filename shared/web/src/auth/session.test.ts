import { describe, expect, it } from 'vitest';
import { SessionEndedError, safePath, startAuth, type OidcClient } from './session';
import { permissionsOfToken } from './token-claims';

const jwt = (claims: object) =>
  ['e30', Buffer.from(JSON.stringify(claims)).toString('base64url'), 'sig'].join('.');

function fakeClient(state: {
  authenticated: boolean;
  token?: string;
  failRefresh?: boolean;
  returnTo?: string;
}) {
  const calls: string[] = [];
  const client: OidcClient = {
    handleRedirectCallback: (async (url?: string) => {
      calls.push(`callback ${url}`);
      state.authenticated = true;
      return { appState: { returnTo: state.returnTo } };
    }) as OidcClient['handleRedirectCallback'],
    isAuthenticated: async () => state.authenticated,
    getTokenSilently: (async () => {
      if (state.failRefresh) throw new Error('missing_refresh_token');
      return state.token ?? jwt({ permissions: ['checkin:participants'] });
    }) as OidcClient['getTokenSilently'],
    loginWithRedirect: async (options) => {
      calls.push(`login ${JSON.stringify(options?.appState)}`);
    },
    logout: async (options) => {
      calls.push(`logout ${options?.logoutParams?.returnTo}`);
    },
    getUser: (async () => ({ sub: 'dev|staff', name: 'Staff' })) as OidcClient['getUser'],
  };
  return { client, calls };
}

const at = (url: string) => {
  const u = new URL(url);
  return { href: u.href, search: u.search, pathname: u.pathname, hash: u.hash };
};

describe('startAuth', () => {
  it('when the page is the login callback, then the code is exchanged and the URL cleaned to the return path', async () => {
    const { client, calls } = fakeClient({ authenticated: false, returnTo: '/outbox' });
    const replaced: string[] = [];
    const auth = await startAuth(client, at('https://app.test/?code=c&state=s'), {
      replaceState: (_d, _t, url) => replaced.push(String(url)),
    });
    expect(calls[0]).toBe('callback https://app.test/?code=c&state=s');
    expect(replaced).toEqual(['/outbox']);
    expect(auth.session?.user).toEqual({ subject: 'dev|staff', name: 'Staff' });
    expect([...auth.session!.permissions]).toEqual(['checkin:participants']);
  });

  it('when the callback names another site as the return path, then the app opens at its start', async () => {
    const { client } = fakeClient({ authenticated: false, returnTo: '//evil.test/' });
    const replaced: string[] = [];
    await startAuth(client, at('https://app.test/?code=c&state=s'), {
      replaceState: (_d, _t, url) => replaced.push(String(url)),
    });
    expect(replaced).toEqual(['/']);
  });

  it('when the stored refresh token no longer works, then there is no session', async () => {
    const { client } = fakeClient({ authenticated: true, failRefresh: true });
    const auth = await startAuth(client, at('https://app.test/'), { replaceState: () => undefined });
    expect(auth.session).toBeNull();
  });

  it('when the refresh token stops working mid-session, then getAccessToken says the session ended; a network failure stays what it is', async () => {
    const state: Parameters<typeof fakeClient>[0] = { authenticated: true };
    const { client } = fakeClient(state);
    const auth = await startAuth(client, at('https://app.test/'), { replaceState: () => undefined });
    client.getTokenSilently = (async () => {
      throw Object.assign(new Error('The refresh token is revoked'), { error: 'invalid_grant' });
    }) as OidcClient['getTokenSilently'];
    await expect(auth.session!.getAccessToken()).rejects.toBeInstanceOf(SessionEndedError);
    client.getTokenSilently = (async () => {
      throw new TypeError('Failed to fetch');
    }) as OidcClient['getTokenSilently'];
    await expect(auth.session!.getAccessToken()).rejects.toThrow(TypeError);
  });

  it('when a token is renewed, then the cache is bypassed; an ordinary one may come from it', async () => {
    const { client } = fakeClient({ authenticated: true });
    const auth = await startAuth(client, at('https://app.test/'), { replaceState: () => undefined });
    const modes: unknown[] = [];
    client.getTokenSilently = (async (options?: { cacheMode?: string }) => {
      modes.push(options?.cacheMode);
      return jwt({});
    }) as OidcClient['getTokenSilently'];
    await auth.session!.getAccessToken();
    await auth.session!.renewAccessToken();
    expect(modes).toEqual(['on', 'off']);
  });

  it('when login and logout are asked for, then they carry the return path and the app origin', async () => {
    const { client, calls } = fakeClient({ authenticated: false });
    const auth = await startAuth(client, at('https://app.test/scan#x'), { replaceState: () => undefined });
    await auth.login();
    await auth.logout();
    expect(calls).toEqual(['login {"returnTo":"/scan#x"}', 'logout https://app.test/']);
  });
});

describe('permissionsOfToken', () => {
  it('when the token is not a JWT, then it has no permissions', () => {
    expect(permissionsOfToken('opaque').size).toBe(0);
    expect(permissionsOfToken('a.%%%.c').size).toBe(0);
  });
  it('when the claim holds strings and other values, then only the strings count', () => {
    expect([...permissionsOfToken(jwt({ permissions: ['a', 1, 'b'] }))]).toEqual(['a', 'b']);
  });
  it('when the claim is missing, then there are none', () => {
    expect(permissionsOfToken(jwt({ sub: 'x' })).size).toBe(0);
  });
  it('when the payload is UTF-8, then it is decoded', () => {
    expect([...permissionsOfToken(jwt({ name: '受付', permissions: ['p'] }))]).toEqual(['p']);
  });
  it('when only a path on this origin is a return path', () => {
    expect(safePath('/a?b')).toBe('/a?b');
    expect(safePath('https://evil.test')).toBe('/');
    expect(safePath('/\\evil.test')).toBe('/');
    expect(safePath(undefined)).toBe('/');
  });
});

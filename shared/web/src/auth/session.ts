import { Auth0Client, type Auth0ClientOptions } from '@auth0/auth0-spa-js';
import type { AuthSettings } from '../config/runtime-config';
import { permissionsOfToken } from './token-claims';

/** The part of auth0-spa-js's client the session uses (a fake stands in for it in unit tests). */
export type OidcClient = Pick<
  Auth0Client,
  | 'handleRedirectCallback'
  | 'isAuthenticated'
  | 'getTokenSilently'
  | 'loginWithRedirect'
  | 'logout'
  | 'getUser'
>;

/**
 * The refresh token no longer works (expired, revoked, rotated away by another tab's misuse): only a login gets a
 * new session. Thrown by `getAccessToken`; a network failure on the way is not this, and is thrown as it is.
 */
export class SessionEndedError extends Error {
  constructor(cause: unknown) {
    super('The session has ended: log in again.', { cause });
    this.name = 'SessionEndedError';
  }
}

/** The OAuth errors auth0-spa-js passes on when the refresh token cannot be used any more. */
const ENDED = new Set(['login_required', 'missing_refresh_token', 'invalid_grant', 'consent_required']);

const hasEnded = (err: unknown): boolean =>
  typeof err === 'object' && err !== null && ENDED.has(String((err as { error?: unknown }).error));

export interface SessionUser {
  subject: string;
  name: string;
}

/** A logged-in person: who, what their access token allows, and a fresh token for each API call. */
export interface Session {
  user: SessionUser;
  /** The access token's `permissions` claim (Auth0 RBAC; the dev identity provider issues the same). */
  permissions: ReadonlySet<string>;
  /**
   * A valid access token, renewed silently with the refresh token when it nears expiry; rejects with a
   * SessionEndedError when that no longer works.
   */
  getAccessToken(): Promise<string>;
  /** A new access token whatever the cache holds (the API found the cached one expired); rejects like getAccessToken. */
  renewAccessToken(): Promise<string>;
}

export interface Auth {
  /** The current session, or null when nobody is logged in (or the refresh token no longer works). */
  session: Session | null;
  /** Sends the browser to the login page; after it, the app opens at `returnTo` (a path on this origin). */
  login(returnTo?: string): Promise<void>;
  /** Ends the session here and at the identity provider, then comes back to the app's start page. */
  logout(): Promise<void>;
}

interface AppState {
  returnTo?: string;
}

/** Builds auth0-spa-js's client for one app: authorization code + PKCE, refresh tokens kept across reloads. */
export function createOidcClient(settings: AuthSettings, origin = window.location.origin): Auth0Client {
  const options: Auth0ClientOptions = {
    // A full origin (the dev identity provider) is used as is; a bare Auth0 domain gets https://.
    domain: settings.domain,
    clientId: settings.clientId,
    authorizationParams: {
      audience: settings.audience,
      redirect_uri: `${origin}/`,
      scope: 'openid profile offline_access',
    },
    // Refresh tokens in localStorage: a reload keeps the session without a third-party-cookie iframe. An XSS could
    // read them; the strict Content-Security-Policy and rotation (a stolen one is dead after its first use) bound that.
    useRefreshTokens: true,
    useRefreshTokensFallback: false,
    cacheLocation: 'localstorage',
  };
  return new Auth0Client(options);
}

/**
 * Starts the login state of an app. One code path for Auth0 and the dev identity provider: on the way back from
 * the login page (`?code=…&state=…`), the code is exchanged and the URL cleaned to the path the login started from;
 * otherwise an existing session is resumed from the stored refresh token.
 */
export async function startAuth(
  client: OidcClient,
  location: Pick<Location, 'search' | 'href' | 'pathname' | 'hash'> = window.location,
  history: Pick<History, 'replaceState'> = window.history,
): Promise<Auth> {
  const params = new URLSearchParams(location.search);
  if (params.has('state') && (params.has('code') || params.has('error'))) {
    let returnTo = '/';
    try {
      const result = await client.handleRedirectCallback<AppState>(location.href);
      returnTo = safePath(result.appState?.returnTo);
    } finally {
      // Clean the URL even when the exchange fails: a code is single-use, and a reload must not replay it.
      history.replaceState(null, '', returnTo);
    }
  }
  const session = (await client.isAuthenticated()) ? await resume(client) : null;
  return {
    session,
    login: (returnTo) =>
      client.loginWithRedirect<AppState>({
        appState: { returnTo: safePath(returnTo ?? `${location.pathname}${location.hash}`) },
      }),
    logout: () => client.logout({ logoutParams: { returnTo: `${new URL(location.href).origin}/` } }),
  };
}

async function resume(client: OidcClient): Promise<Session | null> {
  let token: string | undefined;
  try {
    token = await client.getTokenSilently();
  } catch {
    // The refresh token was revoked, expired or rotated away: log in again.
    return null;
  }
  if (!token) return null;
  const user = await client.getUser();
  return {
    user: { subject: user?.sub ?? '', name: user?.name ?? user?.nickname ?? user?.sub ?? '' },
    permissions: permissionsOfToken(token),
    getAccessToken: () => accessToken(client, 'on'),
    renewAccessToken: () => accessToken(client, 'off'),
  };
}

async function accessToken(client: OidcClient, cacheMode: 'on' | 'off'): Promise<string> {
  let fresh: string | undefined;
  try {
    fresh = await client.getTokenSilently({ cacheMode });
  } catch (err) {
    throw hasEnded(err) ? new SessionEndedError(err) : err;
  }
  if (!fresh) throw new Error('The identity provider answered no access token.');
  return fresh;
}

/** Only a path on this origin: a return address from the URL must not send the browser elsewhere. */
export function safePath(path: string | undefined): string {
  return path && path.startsWith('/') && !path.startsWith('//') && !path.startsWith('/\\') ? path : '/';
}

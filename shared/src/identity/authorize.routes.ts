import express, { Router, type Request, type Response } from 'express';
import { z } from 'zod';
import { safeEqual } from '../security/hashing';
import type { AuthorizationCodes } from './authorization-codes';
import { S256_CHALLENGE } from './authorization-codes';
import { ownOrigin, redirectWith, sendErrorPage, sendPage } from './browser-http';
import { normalizePasscode } from './dev-identity-keys';
import type { DevIdentityProvider } from './dev-identity-provider';
import { devUser } from './dev-users';
import { LoginSessions, type LoginSession } from './login-session';
import { chooseLang, loginPage, type Lang, type LoginError } from './login-page';
import type { OAuthErrorValue } from './oauth-errors';
import { PasscodeThrottle } from './passcode-throttle';
import { seal, unseal } from './sealed-values';

/** The scopes granted when asked for; anything else asked is left out of the grant, as Auth0 does. */
const SUPPORTED_SCOPES = ['openid', 'profile', 'email', 'offline_access'];
/** How long the login page may stay open before its form is refused. */
const LOGIN_FORM_TTL_MS = 10 * 60_000;

const loginRequest = z.object({
  clientId: z.string(),
  redirectUri: z.string(),
  state: z.string(),
  nonce: z.string(),
  codeChallenge: z.string(),
  scope: z.string(),
  lang: z.enum(['en', 'ja']),
  /** The browser the form was shown to (its session cookie): a form posted from elsewhere is refused. */
  sid: z.string(),
});
type LoginRequest = z.infer<typeof loginRequest>;

const loginForm = z.object({
  tx: z.string().max(8192),
  user: z.string().max(64).optional(),
  passcode: z.string().max(64),
});

export interface BrowserLoginDeps {
  idp: DevIdentityProvider;
  codes: AuthorizationCodes;
  now: () => number;
}

/**
 * The browser side of authorization code + PKCE, as auth0-spa-js drives it against Auth0: `GET /authorize` checks
 * the request and shows the login page, `POST /authorize` checks the passcode and redirects with a code, and
 * `GET /v2/logout` revokes what this browser's logins hold for the app and returns to it.
 */
export function browserLoginRoutes({ idp, codes, now }: BrowserLoginDeps): Router {
  const router = Router();
  const sessions = new LoginSessions(idp.hmacKey, now);
  const throttle = new PasscodeThrottle(now);

  /** Once the app and its callback are known good, every refusal goes back to the app (RFC 6749 §4.1.2.1). */
  router.get('/authorize', (req, res) => {
    const { q, lang, client } = clientRequest(req);
    if (!client) return sendErrorPage(res, 400, lang, `Unknown client_id "${q.client_id ?? ''}".`);
    const redirectUri = q.redirect_uri;
    if (!redirectUri || !client.redirectUris.includes(redirectUri)) {
      return sendErrorPage(
        res,
        400,
        lang,
        `redirect_uri "${redirectUri ?? ''}" is not registered for ${client.clientId}.`,
      );
    }
    const fail = (error: OAuthErrorValue, description: string) =>
      redirectWith(res, redirectUri, { error, error_description: description, state: q.state });
    if (q.repeated) return fail('invalid_request', `${q.repeated} is given more than once.`);
    if (q.response_type !== 'code') return fail('unsupported_response_type', 'response_type must be code.');
    if (q.response_mode !== undefined && q.response_mode !== 'query')
      return fail('invalid_request', 'response_mode must be query.');
    if (!q.state || q.state.length > 2048) return fail('invalid_request', 'state is required.');
    if (!q.nonce || q.nonce.length > 2048) return fail('invalid_request', 'nonce is required.');
    if (q.code_challenge_method !== 'S256' || !S256_CHALLENGE.test(q.code_challenge ?? ''))
      return fail('invalid_request', 'PKCE is required: code_challenge with code_challenge_method=S256.');
    if (q.audience !== undefined && q.audience !== idp.audience)
      return fail('access_denied', `Tokens are issued only for the audience ${idp.audience}.`);
    const asked = (q.scope ?? '').split(' ');
    if (!asked.includes('openid')) return fail('invalid_scope', 'scope must include openid.');
    const session = sessions.ensure(req, res);
    const request: LoginRequest = {
      clientId: client.clientId,
      redirectUri,
      state: q.state,
      nonce: q.nonce,
      codeChallenge: q.code_challenge!,
      scope: SUPPORTED_SCOPES.filter((s) => asked.includes(s)).join(' '),
      lang,
      sid: session.sid,
    };
    if (q.prompt === 'none') {
      const login = sessions.activeLogin(session);
      if (!login) return fail('login_required', 'Nobody is logged in at the identity provider.');
      return complete(res, request, session, login);
    }
    const tx = seal(idp.hmacKey, 'login-form', request, now() + LOGIN_FORM_TTL_MS);
    const other = new URL(req.originalUrl, ownOrigin(req));
    other.searchParams.set('ui_locales', lang === 'en' ? 'ja' : 'en');
    showForm(res, 200, request, tx, null, null, `${other.pathname}${other.search}`);
  });

  router.post('/authorize', express.urlencoded({ extended: false, limit: '8kb' }), (req, res) => {
    const fallbackLang = chooseLang(undefined, req.get('accept-language'));
    const form = loginForm.safeParse(req.is('application/x-www-form-urlencoded') ? req.body : null);
    const request = form.success
      ? unseal(idp.hmacKey, 'login-form', form.data.tx, loginRequest, now())
      : null;
    if (!form.success || !request) {
      return sendErrorPage(res, 400, fallbackLang, 'This sign-in page has expired or was altered.');
    }
    const session = sessions.read(req);
    const origin = req.get('origin');
    if (!session || session.sid !== request.sid || (origin !== undefined && origin !== ownOrigin(req))) {
      return sendErrorPage(res, 403, request.lang, 'This sign-in form was not sent from its own page.');
    }
    const client = idp.browserClients.get(request.clientId);
    if (!client?.redirectUris.includes(request.redirectUri)) {
      return sendErrorPage(
        res,
        400,
        request.lang,
        `redirect_uri is no longer registered for ${request.clientId}.`,
      );
    }
    const { tx, user: userId, passcode } = form.data;
    const user = userId ? devUser(userId) : undefined;
    const retry = (status: number, error: LoginError) =>
      showForm(res, status, request, tx, user?.id ?? null, error, null);
    if (!user) return retry(400, 'noUser');
    if (throttle.isLocked(user.id)) return retry(429, 'tooMany');
    const expected = Buffer.from(normalizePasscode(idp.passcode(user.id)));
    if (!safeEqual(Buffer.from(normalizePasscode(passcode)), expected)) {
      throttle.fail(user.id);
      return retry(401, 'wrongPasscode');
    }
    throttle.succeed(user.id);
    complete(res, request, session, sessions.logIn(res, session, user.id));
  });

  router.get('/v2/logout', (req, res) => {
    const { q, lang, client } = clientRequest(req);
    if (!client) return sendErrorPage(res, 400, lang, `Unknown client_id "${q.client_id ?? ''}".`);
    if (q.returnTo !== undefined && !client.logoutUrls.includes(q.returnTo)) {
      return sendErrorPage(
        res,
        400,
        lang,
        `returnTo "${q.returnTo}" is not a logout URL of ${client.clientId}.`,
      );
    }
    const session = sessions.read(req);
    if (session) {
      idp.refreshTokens.revokeSession(session.sid, client.clientId, now());
      sessions.logOut(res, session);
    }
    if (q.returnTo === undefined) return sendErrorPage(res, 200, lang, 'You are logged out.');
    res.set('Cache-Control', 'no-store').redirect(303, q.returnTo);
  });

  /** The query, the language to answer in, and the registered client it names (if any). */
  function clientRequest(req: Request) {
    const q = queryOf(req);
    const lang = chooseLang(q.ui_locales, req.get('accept-language'));
    return { q, lang, client: q.client_id ? idp.browserClients.get(q.client_id) : undefined };
  }

  function complete(
    res: Response,
    request: LoginRequest,
    session: LoginSession,
    login: NonNullable<LoginSession['login']>,
  ): void {
    const code = codes.issue({
      clientId: request.clientId,
      redirectUri: request.redirectUri,
      userId: login.userId,
      scope: request.scope,
      nonce: request.nonce,
      codeChallenge: request.codeChallenge,
      authTime: login.authTime,
      sessionId: session.sid,
    });
    redirectWith(res, request.redirectUri, { code, state: request.state });
  }

  function showForm(
    res: Response,
    status: number,
    request: LoginRequest,
    tx: string,
    selectedUser: string | null,
    error: LoginError | null,
    switchLangUrl: string | null,
  ): void {
    sendPage(
      res,
      status,
      (styleNonce) =>
        loginPage({
          lang: request.lang as Lang,
          clientId: request.clientId,
          users: idp.users(),
          tx,
          selectedUser,
          error,
          switchLangUrl,
          styleNonce,
        }),
      request.redirectUri,
    );
  }

  return router;
}

const QUERY_NAMES = [
  'client_id',
  'redirect_uri',
  'response_type',
  'response_mode',
  'state',
  'nonce',
  'code_challenge',
  'code_challenge_method',
  'audience',
  'scope',
  'prompt',
  'ui_locales',
  'returnTo',
] as const;

/** The parameters this provider reads, as single strings; `repeated` names one given twice (RFC 6749 §3.1). */
function queryOf(req: Request) {
  const out: Partial<Record<(typeof QUERY_NAMES)[number], string>> & { repeated?: string } = {};
  for (const name of QUERY_NAMES) {
    const value = req.query[name];
    if (typeof value === 'string') out[name] = value;
    else if (value !== undefined) out.repeated ??= name;
  }
  return out;
}

import { Router } from 'express';
import { AuthorizationCodes } from './authorization-codes';
import { browserLoginRoutes } from './authorize.routes';
import { browserCors } from './browser-cors';
import type { DevIdentityProvider } from './dev-identity-provider';
import { tokenRoutes } from './token.routes';

export interface DevIdentityRoutesOptions {
  /** The provider's clock for codes, sessions and refresh tokens (tests move it); tokens are signed at real time. */
  now?: () => number;
  /** How long access and ID tokens live (ACCESS_TOKEN_TTL_SECONDS unless set). */
  accessTokenTtlSeconds?: number;
}

/**
 * The dev identity provider's HTTP face, shaped like an Auth0 tenant so the apps and scripts use one code path for
 * both modes: OIDC discovery, JWKS, `/authorize` with a login page, `/oauth/token` (authorization code + PKCE,
 * rotating refresh tokens, client credentials) and `/v2/logout`.
 */
export function devIdentityRoutes(idp: DevIdentityProvider, options: DevIdentityRoutesOptions = {}): Router {
  const now = options.now ?? Date.now;
  const codes = new AuthorizationCodes(now);
  const router = Router();
  const cors = browserCors(idp.browserClients, 'GET');
  router.options(['/.well-known/openid-configuration', '/.well-known/jwks.json'], cors);
  router.get('/.well-known/openid-configuration', cors, (_req, res) => {
    res.set('Cache-Control', 'public, max-age=300').json(discovery(idp));
  });
  router.get('/.well-known/jwks.json', cors, (_req, res) => {
    res.set('Cache-Control', 'public, max-age=300').json(idp.jwks());
  });
  router.use(browserLoginRoutes({ idp, codes, now }));
  router.use(tokenRoutes({ idp, codes, now, ttlSeconds: options.accessTokenTtlSeconds }));
  return router;
}

/** Every endpoint served here, and nothing else (OpenID Connect Discovery 1.0 §3). */
function discovery(idp: DevIdentityProvider) {
  const at = (path: string) => `${idp.issuer}${path}`;
  return {
    issuer: idp.issuer,
    authorization_endpoint: at('authorize'),
    token_endpoint: at('oauth/token'),
    jwks_uri: at('.well-known/jwks.json'),
    end_session_endpoint: at('v2/logout'),
    response_types_supported: ['code'],
    response_modes_supported: ['query'],
    grant_types_supported: ['authorization_code', 'refresh_token', 'client_credentials'],
    code_challenge_methods_supported: ['S256'],
    scopes_supported: ['openid', 'profile', 'email', 'offline_access'],
    subject_types_supported: ['public'],
    id_token_signing_alg_values_supported: ['RS256'],
    token_endpoint_auth_methods_supported: ['none', 'client_secret_post'],
    claims_supported: ['iss', 'aud', 'sub', 'azp', 'exp', 'iat', 'auth_time', 'nonce', 'name', 'nickname'],
    prompt_values_supported: ['none', 'login'],
    ui_locales_supported: ['en', 'ja'],
  };
}

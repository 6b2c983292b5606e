import express, { Router } from 'express';
import { z } from 'zod';
import { errors } from '../errors/errors';
import { parse } from '../http/validate';
import { safeEqual } from '../security/hashing';
import { pkceMatches, type AuthorizationCodes } from './authorization-codes';
import { browserCors } from './browser-cors';
import type { DevIdentityProvider } from './dev-identity-provider';
import { CLIENT_CREDENTIALS_CLIENTS, devUser, type ClientCredentialsClient, type DevUser } from './dev-users';
import { oauthErrorHandler, oauthErrors, TOKEN_BODY_TYPES } from './oauth-errors';

/** Access and ID tokens live an hour unless configured otherwise; the apps refresh them with their refresh token. */
export const ACCESS_TOKEN_TTL_SECONDS = 3600;

/** Strict: a `subject` or any other field the provider does not honour is refused, not ignored. */
const clientCredentials = z
  .object({
    grant_type: z.literal('client_credentials'),
    client_id: z.string().min(1).max(100),
    client_secret: z.string().min(1).max(200),
    /** Optional: the configured audience is the only one, and the default. */
    audience: z.string().min(1).max(500).optional(),
  })
  .strict();

/** auth0-spa-js adds fields of its own (its authorizationParams, a redirect_uri on refresh): unknown ones are ignored. */
const authorizationCode = z.object({
  grant_type: z.literal('authorization_code'),
  client_id: z.string().min(1).max(100),
  code: z.string().min(1).max(200),
  code_verifier: z.string().min(1).max(200),
  redirect_uri: z.string().min(1).max(2048),
});

const refreshToken = z.object({
  grant_type: z.literal('refresh_token'),
  client_id: z.string().min(1).max(100),
  refresh_token: z.string().min(1).max(200),
});

export interface TokenDeps {
  idp: DevIdentityProvider;
  codes: AuthorizationCodes;
  now: () => number;
  /** How long user access and ID tokens live. */
  ttlSeconds?: number;
}

/**
 * `POST /oauth/token`, as Auth0's: form-encoded (auth0-spa-js's default) or JSON; authorization_code with PKCE and
 * refresh_token with rotation for the browser apps, client_credentials for the operator and staff clients.
 */
export function tokenRoutes({ idp, codes, now, ttlSeconds = ACCESS_TOKEN_TTL_SECONDS }: TokenDeps): Router {
  const router = Router();
  const cors = browserCors(idp.browserClients, 'POST');
  router.options('/oauth/token', cors);
  router.post(
    '/oauth/token',
    cors,
    express.urlencoded({ extended: false, limit: '8kb' }),
    express.json({ limit: '8kb' }),
    async (req, res) => {
      if (!req.is(TOKEN_BODY_TYPES)) throw errors.unsupportedMediaType(TOKEN_BODY_TYPES);
      const body = (req.body ?? {}) as Record<string, unknown>;
      const answer = await grant(body);
      res.set({ 'Cache-Control': 'no-store', Pragma: 'no-cache' }).json(answer);
    },
  );
  router.use('/oauth/token', oauthErrorHandler);

  async function grant(body: Record<string, unknown>) {
    switch (body.grant_type) {
      case 'client_credentials':
        return clientCredentialsGrant(parse(clientCredentials, body));
      case 'authorization_code':
        return authorizationCodeGrant(parse(authorizationCode, body));
      case 'refresh_token':
        return refreshTokenGrant(parse(refreshToken, body));
      case undefined:
        throw oauthErrors.invalidRequest('grant_type is required.');
      default:
        throw oauthErrors.unsupportedGrantType();
    }
  }

  async function clientCredentialsGrant(body: z.infer<typeof clientCredentials>) {
    if (!(CLIENT_CREDENTIALS_CLIENTS as readonly string[]).includes(body.client_id)) {
      if (idp.browserClients.get(body.client_id))
        throw oauthErrors.unauthorizedClient(body.client_id, 'client_credentials');
      throw oauthErrors.invalidClient();
    }
    const clientId = body.client_id as ClientCredentialsClient;
    if (!safeEqual(Buffer.from(body.client_secret), Buffer.from(idp.clientSecret(clientId)))) {
      throw oauthErrors.invalidClient();
    }
    if (body.audience !== undefined && body.audience !== idp.audience)
      throw oauthErrors.audienceNotAllowed(idp.audience);
    const token = await idp.clientAccessToken(clientId, ACCESS_TOKEN_TTL_SECONDS);
    return { access_token: token, token_type: 'Bearer', expires_in: ACCESS_TOKEN_TTL_SECONDS };
  }

  async function authorizationCodeGrant(body: z.infer<typeof authorizationCode>) {
    if (!idp.browserClients.get(body.client_id)) throw oauthErrors.invalidClient();
    const redeemed = codes.redeem(body.code);
    if (redeemed.kind === 'unknown') throw oauthErrors.codeUnknown();
    if (redeemed.kind === 'expired') throw oauthErrors.codeExpired();
    if (redeemed.kind === 'used') {
      if (redeemed.familyId) idp.refreshTokens.revokeFamily(redeemed.familyId, now());
      throw oauthErrors.codeUsed();
    }
    const { grant: code } = redeemed;
    if (code.clientId !== body.client_id) throw oauthErrors.codeMismatch('client_id');
    if (code.redirectUri !== body.redirect_uri) throw oauthErrors.codeMismatch('redirect_uri');
    if (!pkceMatches(body.code_verifier, code.codeChallenge)) throw oauthErrors.pkceMismatch();
    const user = devUser(code.userId);
    if (!user) throw oauthErrors.codeUnknown();
    const refresh = code.scope.split(' ').includes('offline_access')
      ? idp.refreshTokens.issue(
          {
            clientId: code.clientId,
            userId: user.id,
            scope: code.scope,
            authTime: code.authTime,
            sessionId: code.sessionId,
          },
          now(),
        )
      : null;
    redeemed.issued(refresh?.familyId ?? null);
    return tokens(user, code.clientId, code.scope, code.authTime, code.nonce, refresh?.token ?? null);
  }

  async function refreshTokenGrant(body: z.infer<typeof refreshToken>) {
    if (!idp.browserClients.get(body.client_id)) throw oauthErrors.invalidClient();
    const rotated = idp.refreshTokens.rotate(body.refresh_token, body.client_id, now());
    if (rotated.kind === 'reused') throw oauthErrors.refreshTokenReused();
    if (rotated.kind !== 'rotated') throw oauthErrors.refreshTokenInvalid(rotated.kind);
    const user = devUser(rotated.grant.userId);
    if (!user) throw oauthErrors.refreshTokenInvalid('revoked');
    return tokens(user, body.client_id, rotated.grant.scope, rotated.grant.authTime, null, rotated.token);
  }

  async function tokens(
    user: DevUser,
    clientId: string,
    scope: string,
    authTime: number,
    nonce: string | null,
    refresh: string | null,
  ) {
    return {
      access_token: await idp.userAccessToken(user, clientId, scope, ttlSeconds),
      id_token: await idp.idToken({ user, clientId, nonce, authTime, ttlSeconds }),
      ...(refresh === null ? {} : { refresh_token: refresh }),
      scope,
      expires_in: ttlSeconds,
      token_type: 'Bearer',
    };
  }

  return router;
}

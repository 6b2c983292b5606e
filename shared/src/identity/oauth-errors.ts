import type { ErrorRequestHandler } from 'express';
import { AppError, isAppError } from '../errors/app-error';
import { bodyParserError } from '../http/error-handler';
import { requestContext } from '../http/request-context';

/** The `error` values of RFC 6749 §4.1.2.1 and §5.2 and OpenID Connect Core §3.1.2.6 that this provider answers. */
export type OAuthErrorValue =
  | 'invalid_request'
  | 'invalid_client'
  | 'invalid_grant'
  | 'unauthorized_client'
  | 'unsupported_grant_type'
  | 'unsupported_response_type'
  | 'invalid_scope'
  | 'access_denied'
  | 'login_required'
  | 'server_error';

const oauth = (error: OAuthErrorValue, code: string, status: number, message: string) =>
  new AppError(code, status, message, { oauthError: error });
/** A code or refresh token that cannot be exchanged (RFC 6749 §5.2). */
const invalidGrant = (code: string, message: string) => oauth('invalid_grant', code, 400, message);

/** The dev identity provider's refusals: a stable code for us, the OAuth `error` the client libraries act on. */
export const oauthErrors = {
  invalidRequest: (message: string) => oauth('invalid_request', 'OAUTH.INVALID_REQUEST', 400, message),
  invalidClient: () =>
    oauth('invalid_client', 'OAUTH.INVALID_CLIENT', 401, 'Unknown client, or not its client secret.'),
  unauthorizedClient: (clientId: string, grant: string) =>
    oauth(
      'unauthorized_client',
      'OAUTH.UNAUTHORIZED_CLIENT',
      403,
      `Client ${clientId} may not use ${grant}.`,
    ),
  unsupportedGrantType: () =>
    oauth(
      'unsupported_grant_type',
      'OAUTH.UNSUPPORTED_GRANT_TYPE',
      400,
      'grant_type must be authorization_code, refresh_token or client_credentials.',
    ),
  audienceNotAllowed: (expected: string) =>
    oauth(
      'access_denied',
      'OAUTH.AUDIENCE_NOT_ALLOWED',
      403,
      `Tokens are issued only for the audience ${expected}.`,
    ),
  codeUnknown: () => invalidGrant('OAUTH.CODE_UNKNOWN', 'The authorization code is not known.'),
  codeExpired: () => invalidGrant('OAUTH.CODE_EXPIRED', 'The authorization code has expired.'),
  codeUsed: () =>
    invalidGrant(
      'OAUTH.CODE_USED',
      'The authorization code was already exchanged; the tokens issued for it are revoked.',
    ),
  codeMismatch: (what: 'client_id' | 'redirect_uri') =>
    invalidGrant('OAUTH.CODE_MISMATCH', `The ${what} differs from the one the code was issued to.`),
  pkceMismatch: () =>
    invalidGrant('OAUTH.PKCE_MISMATCH', 'The code_verifier does not match the code_challenge.'),
  refreshTokenInvalid: (why: 'unknown' | 'expired' | 'revoked') =>
    invalidGrant('OAUTH.REFRESH_TOKEN_INVALID', `The refresh token is ${why}; log in again.`),
  refreshTokenReused: () =>
    invalidGrant(
      'OAUTH.REFRESH_TOKEN_REUSED',
      'The refresh token was already used; every token of this login is revoked. Log in again.',
    ),
};

/** The body types the token endpoint reads: form-encoded (auth0-spa-js's default) or JSON. */
export const TOKEN_BODY_TYPES = ['application/x-www-form-urlencoded', 'application/json'];

/**
 * Renders errors of the token endpoint the way OAuth clients read them (RFC 6749 §5.2: `error`,
 * `error_description`), as Auth0 does, so auth0-spa-js raises the same errors on both modes; our stable `code` and
 * the `requestId` ride along.
 */
export const oauthErrorHandler: ErrorRequestHandler = (err: unknown, _req, res, next) => {
  if (res.headersSent) return next(err);
  const appError = isAppError(err) ? err : bodyParserError(err, TOKEN_BODY_TYPES);
  if (!appError) return next(err);
  const ctx = requestContext(res);
  ctx.logger.info({ code: appError.code, status: appError.status }, appError.message);
  const issues = (appError.details?.issues ?? []) as { path: string; message: string }[];
  res
    .status(appError.status)
    .set('Cache-Control', 'no-store')
    .json({
      error: oauthErrorOf(appError),
      error_description: [appError.message, ...issues.map((i) => `${i.path}: ${i.message}`)].join(' '),
      code: appError.code,
      requestId: ctx.requestId,
    });
};

function oauthErrorOf(appError: AppError): OAuthErrorValue {
  const declared = appError.details?.oauthError as OAuthErrorValue | undefined;
  if (declared) return declared;
  if (appError.status === 401) return 'invalid_client';
  return appError.status >= 500 ? 'server_error' : 'invalid_request';
}

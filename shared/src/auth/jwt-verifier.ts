import { createRemoteJWKSet, errors as joseErrors, jwtVerify, type JWTPayload } from 'jose';
import type { AppError } from '../errors/app-error';
import { errors } from '../errors/errors';

export interface JwtVerifierConfig {
  /** Where the issuer publishes its signing keys (Auth0: https://TENANT/.well-known/jwks.json). */
  jwksUrl: string;
  issuer: string;
  audience: string;
  /** Clock skew tolerated on exp/nbf, in seconds. */
  clockToleranceSeconds?: number;
}

/**
 * Verifies RS256 JWTs against a remote JWKS: the algorithm is pinned (no `none`, no HS256 key confusion), issuer and
 * audience are checked. The same code checks the dev identity provider's tokens, Auth0's, and Google's ID tokens.
 */
export class JwtVerifier {
  private readonly jwks: ReturnType<typeof createRemoteJWKSet>;

  constructor(private readonly config: JwtVerifierConfig) {
    this.jwks = createRemoteJWKSet(new URL(config.jwksUrl), {
      cooldownDuration: 30_000,
      cacheMaxAge: 600_000,
    });
  }

  async verify(token: string): Promise<JWTPayload> {
    try {
      const { payload } = await jwtVerify(token, this.jwks, {
        algorithms: ['RS256'],
        issuer: this.config.issuer,
        audience: this.config.audience,
        clockTolerance: this.config.clockToleranceSeconds ?? 5,
        requiredClaims: ['sub', 'exp'],
      });
      return payload;
    } catch (err) {
      throw explain(err);
    }
  }
}

function explain(err: unknown): AppError {
  if (err instanceof joseErrors.JWTExpired) {
    return errors.accessTokenExpired();
  }
  if (err instanceof joseErrors.JWTClaimValidationFailed) {
    return errors.unauthenticated(`The access token's ${err.claim} claim is not accepted.`);
  }
  if (err instanceof joseErrors.JOSEAlgNotAllowed) {
    return errors.unauthenticated('The access token is not signed with RS256.');
  }
  if (
    err instanceof joseErrors.JWSSignatureVerificationFailed ||
    err instanceof joseErrors.JWKSNoMatchingKey
  ) {
    return errors.unauthenticated('The access token signature is not valid.');
  }
  if (
    err instanceof joseErrors.JWKSTimeout ||
    (err instanceof joseErrors.JOSEError && err.code === 'ERR_JWKS_INVALID')
  ) {
    return errors.unavailable('The identity provider keys could not be fetched.');
  }
  if (err instanceof joseErrors.JOSEError) {
    return errors.unauthenticated('The access token is malformed.');
  }
  if (err instanceof TypeError || (err as { name?: string })?.name === 'AbortError') {
    return errors.unavailable('The identity provider keys could not be fetched.');
  }
  return errors.unauthenticated('The access token could not be verified.');
}

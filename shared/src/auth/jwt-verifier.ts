import { createRemoteJWKSet, errors as joseErrors, jwtVerify, type JWTPayload } from 'jose';
import type { AppError } from '../errors/app-error';
import { errors } from '../errors/errors';

export interface JwtVerifierConfig {
  /** Where the issuer publishes its signing keys (Auth0: https://TENANT/.well-known/jwks.json). */
  jwksUrl: string;
  issuer: string;
  audience: string;
  /** Clock skew tolerated on exp, nbf and iat, in seconds (default 5). */
  clockToleranceSeconds?: number;
}

/** Clock skew tolerated by default: NTP-synced hosts (Cloud Run, Auth0, Google) agree far better than this. */
export const DEFAULT_CLOCK_TOLERANCE_SECONDS = 5;

/**
 * How long a verified token is taken on trust without checking its signature again (never past its `exp`). A caller
 * sends the same token on every request (a service its hour-long ID token), and an RSA verification costs more than
 * the rest of a small request. Keys are cached for ten minutes already, so a key withdrawn from the JWKS is honoured
 * that long either way.
 */
export const VERIFIED_TOKEN_TTL_MS = 300_000;
/** Tokens remembered at most; the oldest is forgotten first. */
const MAX_VERIFIED_TOKENS = 10_000;

/** Three base64url segments, no padding, no other character: the only serialization a JWT has (RFC 7515 §7.1). */
const COMPACT_JWS = /^[A-Za-z0-9_-]+\.[A-Za-z0-9_-]+\.[A-Za-z0-9_-]+$/;

/**
 * Verifies RS256 JWTs against a remote JWKS: the algorithm is pinned (no `none`, no HS256 key confusion), issuer and
 * audience are checked. The same code checks the dev identity provider's tokens, Auth0's, and Google's ID tokens.
 */
export class JwtVerifier {
  private readonly jwks: ReturnType<typeof createRemoteJWKSet>;
  private readonly verified = new Map<string, { payload: JWTPayload; until: number }>();

  constructor(private readonly config: JwtVerifierConfig) {
    this.jwks = createRemoteJWKSet(new URL(config.jwksUrl), {
      cooldownDuration: 30_000,
      cacheMaxAge: 600_000,
    });
  }

  /**
   * The token's claims, or AUTH.UNAUTHENTICATED / AUTH.TOKEN_EXPIRED. Beyond jose's checks: the token must be in
   * canonical compact form (jose decodes `sig==` or a changed spare bit to the same bytes, so a token would have many
   * accepted spellings), and `iat` must not lie in the future.
   */
  async verify(token: string): Promise<JWTPayload> {
    const known = this.verified.get(token);
    if (known) {
      if (known.until > Date.now()) return known.payload;
      this.verified.delete(token);
    }
    const payload = await this.verifyNow(token);
    this.remember(token, payload);
    return payload;
  }

  private async verifyNow(token: string): Promise<JWTPayload> {
    if (!isCanonicalCompact(token)) throw errors.unauthenticated('The access token is malformed.');
    const tolerance = this.config.clockToleranceSeconds ?? DEFAULT_CLOCK_TOLERANCE_SECONDS;
    let payload: JWTPayload;
    try {
      ({ payload } = await jwtVerify(token, this.jwks, {
        algorithms: ['RS256'],
        issuer: this.config.issuer,
        audience: this.config.audience,
        clockTolerance: tolerance,
        requiredClaims: ['sub', 'exp', 'iat'],
      }));
    } catch (err) {
      throw explain(err);
    }
    // jose compares iat with the clock only when a maximum token age is set.
    if (payload.iat! > Math.floor(Date.now() / 1000) + tolerance) {
      throw errors.unauthenticated("The access token's iat claim is in the future.");
    }
    return payload;
  }

  private remember(token: string, payload: JWTPayload): void {
    if (this.verified.size >= MAX_VERIFIED_TOKENS) {
      this.verified.delete(this.verified.keys().next().value!);
    }
    const until = Math.min(payload.exp! * 1000, Date.now() + VERIFIED_TOKEN_TTL_MS);
    this.verified.set(token, { payload, until });
  }
}

/** Each segment decodes and re-encodes to itself: no padding, no stray characters, no non-zero spare bits. */
function isCanonicalCompact(token: string): boolean {
  if (!COMPACT_JWS.test(token)) return false;
  return token.split('.').every((part) => Buffer.from(part, 'base64url').toString('base64url') === part);
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

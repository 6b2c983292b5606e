import { createHash } from 'node:crypto';
import { randomToken, safeEqual } from '../security/hashing';

/** A code must be exchanged within a minute: the browser does it right after the redirect (RFC 6749 §4.1.2 asks ≤ 10 min). */
export const CODE_TTL_MS = 60_000;

export interface CodeGrant {
  clientId: string;
  redirectUri: string;
  userId: string;
  scope: string;
  nonce: string;
  codeChallenge: string;
  /** Seconds since the epoch when the user typed their passcode. */
  authTime: number;
  /** The browser login session (the provider's session cookie) the code was issued in. */
  sessionId: string;
}

interface Entry {
  grant: CodeGrant;
  expiresAt: number;
  /** Set once exchanged; the refresh-token family issued for it, when there is one (revoked if the code comes back). */
  redeemed: { familyId: string | null } | null;
}

export type RedeemOutcome =
  | { kind: 'ok'; grant: CodeGrant; issued(familyId: string | null): void }
  | { kind: 'unknown' }
  | { kind: 'expired' }
  | { kind: 'used'; familyId: string | null };

/**
 * Authorization codes, in memory: they live a minute, so a restart costs at most a login retried. Each is single-use;
 * a second exchange is reported with the refresh-token family the first one started, so it can be revoked
 * (RFC 6749 §4.1.2: a code used twice should revoke the tokens issued for it).
 */
export class AuthorizationCodes {
  private readonly entries = new Map<string, Entry>();

  constructor(private readonly now: () => number = Date.now) {}

  issue(grant: CodeGrant): string {
    this.sweep();
    const code = randomToken(256);
    this.entries.set(code, { grant, expiresAt: this.now() + CODE_TTL_MS, redeemed: null });
    return code;
  }

  /** Marks the code used whatever happens next: a code that failed its checks is spent too. */
  redeem(code: string): RedeemOutcome {
    const entry = this.entries.get(code);
    if (!entry) return { kind: 'unknown' };
    if (entry.redeemed) return { kind: 'used', familyId: entry.redeemed.familyId };
    const redeemed: { familyId: string | null } = { familyId: null };
    entry.redeemed = redeemed;
    if (entry.expiresAt <= this.now()) return { kind: 'expired' };
    return { kind: 'ok', grant: entry.grant, issued: (familyId) => (redeemed.familyId = familyId) };
  }

  /** Redeemed codes are kept until they expire, to recognise a replay; then forgotten. */
  private sweep(): void {
    const now = this.now();
    for (const [code, entry] of this.entries) if (entry.expiresAt <= now) this.entries.delete(code);
  }
}

/** RFC 7636 §4.1: 43 to 128 unreserved characters. */
const VERIFIER = /^[A-Za-z0-9._~-]{43,128}$/;
/** S256 challenges are a base64url SHA-256: 43 characters. */
export const S256_CHALLENGE = /^[A-Za-z0-9_-]{43}$/;

/** PKCE with S256 (RFC 7636 §4.6): base64url(SHA-256(verifier)) equals the challenge sent to /authorize. */
export function pkceMatches(verifier: string, challenge: string): boolean {
  if (!VERIFIER.test(verifier)) return false;
  const computed = createHash('sha256').update(verifier).digest('base64url');
  return safeEqual(Buffer.from(computed), Buffer.from(challenge));
}

import { GoogleAuth } from 'google-auth-library';
import { decodeJwt } from 'jose';
import type { ServiceTokenSource } from '../../ports/service-token.port';

/** The part of GoogleAuth used here: an ID-token client per audience. */
export interface IdTokenClients {
  getIdTokenClient(
    audience: string,
  ): Promise<{ idTokenProvider: { fetchIdToken(audience: string): Promise<string> } }>;
}

/** Google ID tokens live an hour; take a fresh one this long before the old one expires. */
const REFRESH_BEFORE_MS = 5 * 60_000;

/**
 * Google-signed ID tokens for calling another Cloud Run service as this one's service account (from the metadata
 * server on Cloud Run, from a service-account key or impersonation elsewhere). One token per audience, kept until
 * five minutes before its `exp`; concurrent callers share one fetch.
 */
export class GoogleIdTokenSource implements ServiceTokenSource {
  private readonly cache = new Map<string, { token: string; refreshAt: number }>();
  private readonly pending = new Map<string, Promise<string>>();

  constructor(
    private readonly auth: IdTokenClients = new GoogleAuth(),
    private readonly now: () => number = Date.now,
  ) {}

  async tokenFor(audience: string): Promise<string> {
    const cached = this.cache.get(audience);
    if (cached && this.now() < cached.refreshAt) return cached.token;
    let pending = this.pending.get(audience);
    if (!pending) {
      pending = this.fetch(audience).finally(() => this.pending.delete(audience));
      this.pending.set(audience, pending);
    }
    return pending;
  }

  private async fetch(audience: string): Promise<string> {
    const client = await this.auth.getIdTokenClient(audience);
    const token = await client.idTokenProvider.fetchIdToken(audience);
    const { exp } = decodeJwt(token);
    if (typeof exp !== 'number') throw new Error('The Google ID token has no exp claim.');
    this.cache.set(audience, { token, refreshAt: exp * 1000 - REFRESH_BEFORE_MS });
    return token;
  }
}

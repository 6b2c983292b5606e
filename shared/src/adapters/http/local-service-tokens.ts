import type { ServiceTokenSource } from '../../ports/service-token.port';
import type { DevIdentityProvider } from '../../identity/dev-identity-provider';

/** Embedded service identity: the dev identity provider signs Google-shaped ID tokens for a service account. */
export class DevIdpServiceTokenSource implements ServiceTokenSource {
  private readonly cache = new Map<string, { token: string; expiresAt: number }>();

  constructor(
    private readonly idp: DevIdentityProvider,
    private readonly email: string,
  ) {}

  async tokenFor(audience: string): Promise<string> {
    const cached = this.cache.get(audience);
    if (cached && cached.expiresAt > Date.now() + 60_000) return cached.token;
    const ttlSeconds = 3600;
    const token = await this.idp.serviceToken({ email: this.email, audience, ttlSeconds });
    this.cache.set(audience, { token, expiresAt: Date.now() + ttlSeconds * 1000 });
    return token;
  }
}

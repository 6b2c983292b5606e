import { z } from 'zod';
import { CLIENT_CREDENTIALS_CLIENTS } from './dev-users';

const httpUrl = z
  .url({ protocol: /^https?$/ })
  .refine((u) => !u.includes('#'), 'a URL with a fragment cannot be a redirect target');
const origin = z
  .url({ protocol: /^https?$/ })
  .refine((u) => new URL(u).origin === u, 'an origin is scheme://host[:port] with nothing after it');

export const browserClientSchema = z.object({
  clientId: z
    .string()
    .regex(/^[a-z0-9][a-z0-9-]{0,63}$/)
    .refine(
      (id) => !(CLIENT_CREDENTIALS_CLIENTS as readonly string[]).includes(id),
      'taken by a confidential client',
    ),
  /** Where /authorize may send the code: exact matches only (no prefix, no wildcard), as Auth0's Allowed Callback URLs. */
  redirectUris: z.array(httpUrl).min(1),
  /** Where /v2/logout may return to (Auth0's Allowed Logout URLs). */
  logoutUrls: z.array(httpUrl).default([]),
  /** Origins allowed to call the token endpoint from a page (Auth0's Allowed Web Origins). */
  origins: z.array(origin).default([]),
});

export type BrowserClientRegistration = z.input<typeof browserClientSchema>;
export type BrowserClient = z.output<typeof browserClientSchema>;

/**
 * The public (browser) clients of the dev identity provider, registered by the composition root when an app server
 * starts. They have no secret: PKCE binds each code to the page that asked for it.
 */
export class BrowserClients {
  private readonly clients = new Map<string, BrowserClient>();

  /** Adds a client, or replaces its settings (an app server restarted on another port). Throws on a bad setting. */
  register(registration: BrowserClientRegistration): BrowserClient {
    const result = browserClientSchema.safeParse(registration);
    if (!result.success) {
      const problems = result.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`).join('; ');
      throw new Error(`browser client ${String(registration.clientId)} is not valid: ${problems}`);
    }
    this.clients.set(result.data.clientId, result.data);
    return result.data;
  }

  get(clientId: string): BrowserClient | undefined {
    return this.clients.get(clientId);
  }

  /** True when some registered client serves pages from `origin` (CORS on the token endpoint, discovery and JWKS). */
  allowsOrigin(origin: string): boolean {
    for (const client of this.clients.values()) if (client.origins.includes(origin)) return true;
    return false;
  }
}

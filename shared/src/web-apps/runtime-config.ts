import { z } from 'zod';

const origin = z
  .string()
  .refine(
    (v) => URL.canParse(v) && new URL(v).origin === v.replace(/\/$/, ''),
    'expected an origin (scheme://host[:port])',
  );

/**
 * An app's `/config.json`, as the server side writes it (the local runner from the running system; the cloud host
 * from `APP_CONFIG`, written at deploy). The browser checks the same shape (`@photo/web/config/runtime-config`).
 */
export const runtimeConfigSchema = z
  .object({
    apiOrigin: origin,
    galleryOrigin: origin.nullable(),
    /** Null for an app whose people do not log in (the participant app). */
    auth: z
      .object({ domain: z.string().min(1), clientId: z.string().min(1), audience: z.string().min(1) })
      .strict()
      .nullable(),
  })
  .strict();

/** The identity provider's origin: an Auth0 domain (`tenant.eu.auth0.com`, https implied) or a full origin. */
export const identityOrigin = (domain: string): string =>
  /^https?:\/\//.test(domain) ? new URL(domain).origin : `https://${domain}`;

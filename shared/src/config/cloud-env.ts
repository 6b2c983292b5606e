import { z } from 'zod';
import { env } from './parse-config';

/**
 * Settings every Cloud Run service shares: where its adapters live, and how Pub/Sub push requests prove who sent
 * them. Emulator hosts and the storage endpoint are for tests and local cloud-mode runs only.
 */
export const cloudEnvSchema = z.object({
  GOOGLE_CLOUD_PROJECT: z.string().min(1),
  IMAGES_BUCKET: z.string().min(3),
  FIRESTORE_DATABASE: z.string().optional(),
  FIRESTORE_EMULATOR_HOST: z.string().optional(),
  PUBSUB_EMULATOR_HOST: z.string().optional(),
  STORAGE_API_ENDPOINT: z.url().optional(),
  /** `oidc` (the default) verifies the Google-signed token of every push; `disabled` only for the emulator. */
  PUSH_AUTH: z.enum(['oidc', 'disabled']).default('oidc'),
  /** The audience of push tokens: this service's URL, as the subscription's oidc_token names it. */
  PUSH_AUDIENCE: z.string().optional(),
  /** The service account Pub/Sub signs push tokens as. */
  PUSH_SERVICE_ACCOUNT: z.string().optional(),
  GOOGLE_ISSUER: z.string().default('https://accounts.google.com'),
  GOOGLE_JWKS_URL: z.url().default('https://www.googleapis.com/oauth2/v3/certs'),
  TMP_DIR: z.string().default('/tmp/event-photo'),
  SHUTDOWN_GRACE_MS: env.int(8000, { min: 0, max: 60_000 }),
});

export type CloudEnv = z.infer<typeof cloudEnvSchema>;

export const logLevelEnv = z
  .enum(['trace', 'debug', 'info', 'warn', 'error', 'fatal', 'silent'])
  .default('info');

/** A worker on Cloud Run: the shared settings, its port and its log level. */
export const cloudWorkerEnv = cloudEnvSchema.extend({
  PORT: env.int(8080, { min: 0, max: 65535 }),
  LOG_LEVEL: logLevelEnv,
});

/** Push authentication must be named: a missing audience or account is a configuration error, never "off". */
export const requirePushAuth = <T extends CloudEnv>(schema: z.ZodType<T>) =>
  schema.superRefine((e, ctx) => {
    if (e.PUSH_AUTH === 'oidc' && (!e.PUSH_AUDIENCE || !e.PUSH_SERVICE_ACCOUNT)) {
      ctx.addIssue({
        code: 'custom',
        path: ['PUSH_AUDIENCE'],
        message: 'PUSH_AUDIENCE and PUSH_SERVICE_ACCOUNT are required when PUSH_AUTH=oidc',
      });
    }
  });

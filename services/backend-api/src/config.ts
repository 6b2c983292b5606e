import { z } from 'zod';
import { appOriginsList } from '@photo/shared/config/app-origins';
import { env } from '@photo/shared/config/parse-config';

/** The backend API's configuration (environment variables), parsed once at start. */
export const backendConfigSchema = z.object({
  PORT: env.int(8080, { min: 0, max: 65535 }),
  HOST: z.string().default('0.0.0.0'),
  GOOGLE_CLOUD_PROJECT: z.string().optional(),
  /** Operators' and staff's identity provider (Auth0: https://TENANT/). */
  AUTH_ISSUER: z.url(),
  AUTH_AUDIENCE: z.string().min(1),
  /** Defaults to the issuer's /.well-known/jwks.json. */
  AUTH_JWKS_URL: z.url().optional(),
  IMAGE_SERVER_URL: z.url(),
  /** The audience of the ID tokens presented to the image server; its URL on Cloud Run. */
  IMAGE_SERVER_AUDIENCE: z.string().optional(),
  /** The HMAC key of QR payloads: at least 32 characters, the same on every instance. */
  QR_SECRET: z.string().min(32, 'must be at least 32 characters'),
  /**
   * During a rotation, the secret QR_SECRET replaces: payloads signed with it still verify (new ones are signed with
   * QR_SECRET). Unset once the window is over (docs/deploy.md, "Rotating the QR secret").
   */
  QR_SECRET_PREVIOUS: z.string().min(32, 'must be at least 32 characters').optional(),
  QR_TTL_SECONDS: env.int(30 * 24 * 3600, { min: 60 }),
  /** `POST /participants/register`: off unless the event opens it to anyone with the app. */
  SELF_REGISTRATION: env.bool(false),
  STREAM_RECHECK_MS: env.int(15_000, { min: 100 }),
  STREAM_HEARTBEAT_MS: env.int(25_000, { min: 1000 }),
  /** Auth0 Management API (the console's list of operators); all three or none. */
  AUTH0_DOMAIN: z.string().optional(),
  AUTH0_MANAGEMENT_CLIENT_ID: z.string().optional(),
  AUTH0_MANAGEMENT_CLIENT_SECRET: z.string().optional(),
  /** Likes and notifications: where notifications link into the app, and the push key the app subscribes with. */
  DEEP_LINK_BASE: z.string().min(1).default('eventphoto://images/'),
  VAPID_PUBLIC_KEY: z.string().optional(),
  OUTBOX_RELAY_INTERVAL_MS: env.int(5000, { min: 100 }),
  /** The browser apps' origins CORS allows (comma-separated); none by default. */
  APP_ORIGINS: appOriginsList.default([]),
  LOG_LEVEL: z.enum(['trace', 'debug', 'info', 'warn', 'error', 'fatal', 'silent']).default('info'),
});

export type BackendEnv = z.infer<typeof backendConfigSchema>;

export function toBackendConfig(e: BackendEnv) {
  const issuer = e.AUTH_ISSUER.endsWith('/') ? e.AUTH_ISSUER : `${e.AUTH_ISSUER}/`;
  const imageServerUrl = e.IMAGE_SERVER_URL.replace(/\/$/, '');
  return {
    port: e.PORT,
    host: e.HOST,
    projectId: e.GOOGLE_CLOUD_PROJECT ?? null,
    auth: { issuer, audience: e.AUTH_AUDIENCE, jwksUrl: e.AUTH_JWKS_URL ?? `${issuer}.well-known/jwks.json` },
    imageServer: { url: imageServerUrl, audience: e.IMAGE_SERVER_AUDIENCE ?? imageServerUrl },
    qr: {
      secret: e.QR_SECRET,
      previousSecrets: e.QR_SECRET_PREVIOUS ? [e.QR_SECRET_PREVIOUS] : [],
      ttlSeconds: e.QR_TTL_SECONDS,
    },
    selfRegistration: e.SELF_REGISTRATION,
    streamRecheckMs: e.STREAM_RECHECK_MS,
    streamHeartbeatMs: e.STREAM_HEARTBEAT_MS,
    auth0Management:
      e.AUTH0_DOMAIN && e.AUTH0_MANAGEMENT_CLIENT_ID && e.AUTH0_MANAGEMENT_CLIENT_SECRET
        ? {
            domain: e.AUTH0_DOMAIN,
            clientId: e.AUTH0_MANAGEMENT_CLIENT_ID,
            clientSecret: e.AUTH0_MANAGEMENT_CLIENT_SECRET,
          }
        : null,
    notifications: {
      deepLinkBase: e.DEEP_LINK_BASE,
      vapidPublicKey: e.VAPID_PUBLIC_KEY ?? null,
      outboxRelayIntervalMs: e.OUTBOX_RELAY_INTERVAL_MS,
    },
    appOrigins: e.APP_ORIGINS as readonly string[],
    logLevel: e.LOG_LEVEL,
  };
}

export type BackendConfig = ReturnType<typeof toBackendConfig>;

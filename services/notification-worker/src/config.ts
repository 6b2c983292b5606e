import { z } from 'zod';
import { env } from '@photo/shared/config/parse-config';

const seconds = (fallback: number, max = 7 * 86_400) => z.coerce.number().min(0).max(max).default(fallback);

/**
 * The notification policy: the same settings in the standalone worker and in the local runner (which spreads this
 * shape into its own schema). Durations are seconds; fractions are allowed (tests use short windows).
 */
export const notificationPolicyEnv = z.object({
  /** Likes of one image within this window after the first become one notification per channel. */
  DIGEST_WINDOW_SECONDS: seconds(60, 86_400),
  /** E-mail waits this long after the digest window, and goes only if the in-app item is still unread. */
  EMAIL_UNREAD_DELAY_SECONDS: seconds(600),
  PUSH_PER_HOUR: env.int(10, { min: 0 }),
  EMAIL_PER_DAY: env.int(5, { min: 0 }),
  SMS_PER_DAY: env.int(3, { min: 0 }),
  /** A send that keeps failing is retried with backoff, then recorded as failed after this many attempts. */
  DELIVERY_MAX_ATTEMPTS: env.int(5, { min: 1, max: 50 }),
  DELIVERY_MIN_BACKOFF_SECONDS: seconds(10, 3600),
  DELIVERY_MAX_BACKOFF_SECONDS: seconds(600, 86_400),
  PUSH_TTL_SECONDS: env.int(86_400, { min: 0, max: 2_419_200 }),
  /** Notifications link into the app: DEEP_LINK_BASE + imageId. */
  DEEP_LINK_BASE: z.string().min(1).default('eventphoto://images/'),
  MAIL_FROM: z.string().min(3).default('Event Photo <notifications@event-photo.local>'),
  VAPID_SUBJECT: z
    .string()
    .regex(/^(mailto:|https:)/, 'must be a mailto: or https: URL')
    .default('mailto:notifications@event-photo.local'),
});

export type NotificationPolicyEnv = z.infer<typeof notificationPolicyEnv>;

export function toNotificationPolicy(e: NotificationPolicyEnv) {
  const HOUR = 3_600_000;
  return {
    digestWindowMs: e.DIGEST_WINDOW_SECONDS * 1000,
    emailDelayMs: e.EMAIL_UNREAD_DELAY_SECONDS * 1000,
    limits: {
      push: { max: e.PUSH_PER_HOUR, windowMs: HOUR },
      email: { max: e.EMAIL_PER_DAY, windowMs: 24 * HOUR },
      sms: { max: e.SMS_PER_DAY, windowMs: 24 * HOUR },
    },
    maxAttempts: e.DELIVERY_MAX_ATTEMPTS,
    backoff: { minMs: e.DELIVERY_MIN_BACKOFF_SECONDS * 1000, maxMs: e.DELIVERY_MAX_BACKOFF_SECONDS * 1000 },
    pushTtlSeconds: e.PUSH_TTL_SECONDS,
    deepLinkBase: e.DEEP_LINK_BASE,
    // How long a dispatcher holds a claimed delivery before another may take it over: sends time out after 10 s
    // each, so a minute leaves room for a batch.
    leaseMs: 60_000,
    batchSize: 20,
  };
}

export type NotificationPolicy = ReturnType<typeof toNotificationPolicy>;

/**
 * The standalone notification worker on Cloud Run (Pub/Sub push + Cloud Scheduler's dispatch task). main.ts extends
 * it with the shared cloud settings (cloudEnvSchema: project, Firestore, push authentication).
 */
export const notificationWorkerConfigSchema = notificationPolicyEnv.extend({
  PORT: env.int(8080, { min: 0, max: 65535 }),
  /** The service account Cloud Scheduler calls POST /tasks/dispatch as (its OIDC token's audience: PUSH_AUDIENCE). */
  SCHEDULER_SERVICE_ACCOUNT: z.string().optional(),
  /** smtp://user:pass@host:587 or smtps://…; unset turns e-mail off. */
  SMTP_URL: z
    .string()
    .regex(/^smtps?:\/\//, 'must be an smtp:// or smtps:// URL')
    .optional(),
  /** Both or neither (the private key from Secret Manager); unset turns push off. */
  VAPID_PUBLIC_KEY: z.string().optional(),
  VAPID_PRIVATE_KEY: z.string().optional(),
  /** A Twilio-shaped Messages API; unset SMS_ACCOUNT_SID turns SMS off. */
  SMS_API_URL: z.url().default('https://api.twilio.com'),
  SMS_ACCOUNT_SID: z.string().optional(),
  SMS_AUTH_TOKEN: z.string().optional(),
  SMS_FROM: z.string().optional(),
  LOG_LEVEL: z.enum(['trace', 'debug', 'info', 'warn', 'error', 'fatal', 'silent']).default('info'),
});

export type NotificationWorkerEnv = z.infer<typeof notificationWorkerConfigSchema>;

import { z } from 'zod';
import { env } from '@photo/shared/config/parse-config';
import { notificationPolicyEnv } from '@photo/notification-worker/config';

/**
 * The local runner's notification settings: the worker's policy (digest window, e-mail delay, rate limits, …) plus
 * where the channels go on the embedded default. Spread into localRunnerConfigSchema.
 */
export const notificationRunnerEnv = notificationPolicyEnv.extend({
  /** smtp://user:pass@host:587 or smtps://…; unset: e-mail is written as .eml files to DATA_DIR/mailbox. */
  SMTP_URL: z
    .string()
    .regex(/^smtps?:\/\//, 'must be an smtp:// or smtps:// URL')
    .optional(),
  /** A Twilio-shaped Messages API; unset SMS_ACCOUNT_SID: SMS is written as JSON files to DATA_DIR/sms-outbox. */
  SMS_API_URL: z.url().default('https://api.twilio.com'),
  SMS_ACCOUNT_SID: z.string().optional(),
  SMS_AUTH_TOKEN: z.string().optional(),
  SMS_FROM: z.string().optional(),
  /** How often due notification deliveries are looked for. */
  DISPATCH_INTERVAL_MS: env.int(1000, { min: 10, max: 600_000 }),
  /** How often the outbox is swept for entries no commit in this process woke the relay for. */
  OUTBOX_RELAY_INTERVAL_MS: env.int(5000, { min: 10, max: 600_000 }),
  /** Accept push subscriptions whose endpoint is http://127.0.0.1 (tests only: push services are https). */
  PUSH_ALLOW_LOOPBACK_HTTP: env.bool(false),
});

import { JwtVerifier } from '@photo/shared/auth/jwt-verifier';
import { ServiceCallerVerifier } from '@photo/shared/auth/service-verifier';
import { TwilioSmsSender } from '@photo/shared/adapters/http/sms-sender.twilio';
import { SmtpEmailSender } from '@photo/shared/adapters/smtp/email-sender.smtp';
import { WebPushSender } from '@photo/shared/adapters/web-push/push-sender.web-push';
import { OutboxRelay } from '@photo/shared/bus/outbox-relay';
import { cloudEnvSchema, requirePushAuth } from '@photo/shared/config/cloud-env';
import { parseConfig } from '@photo/shared/config/parse-config';
import {
  cloudAdaptersFrom,
  drainFlag,
  pushAuthFrom,
  serveUntilSignal,
} from '@photo/shared/composition/cloud-service';
import { createLogger } from '@photo/shared/http/logger';
import { systemClock } from '@photo/shared/ports/common';
import { createNotificationWorkerApp } from './app';
import { notificationWorkerConfigSchema, toNotificationPolicy } from './config';

/**
 * The notification worker on Cloud Run: Pub/Sub pushes the activity subscription (source = likes) here, and Cloud
 * Scheduler calls POST /tasks/dispatch every minute, which also sweeps the outbox (rows a backend instance committed
 * but never published, e.g. it was stopped between the commit and the publish).
 */
const e = parseConfig(
  requirePushAuth(notificationWorkerConfigSchema.extend(cloudEnvSchema.shape)),
  process.env,
);
const logger = createLogger({ service: 'notification-worker', level: e.LOG_LEVEL });
const adapters = cloudAdaptersFrom(e);
const draining = drainFlag();
const clock = systemClock;

const relay = new OutboxRelay(
  { outbox: adapters.outbox, publisher: adapters.publisher, clock, logger },
  { intervalMs: 60_000 },
);
const schedulerAuth =
  e.PUSH_AUTH === 'disabled'
    ? null
    : new ServiceCallerVerifier(
        new JwtVerifier({ issuer: e.GOOGLE_ISSUER, jwksUrl: e.GOOGLE_JWKS_URL, audience: e.PUSH_AUDIENCE! }),
        new Set(e.SCHEDULER_SERVICE_ACCOUNT ? [e.SCHEDULER_SERVICE_ACCOUNT] : []),
      );

const app = createNotificationWorkerApp(
  {
    notifications: adapters.notifications,
    deliveries: adapters.deliveries,
    settings: adapters.notificationSettings,
    participants: adapters.participants,
    images: adapters.images,
    channels: {
      push:
        e.VAPID_PUBLIC_KEY && e.VAPID_PRIVATE_KEY
          ? new WebPushSender({
              publicKey: e.VAPID_PUBLIC_KEY,
              privateKey: e.VAPID_PRIVATE_KEY,
              subject: e.VAPID_SUBJECT,
            })
          : null,
      email: e.SMTP_URL ? new SmtpEmailSender(e.SMTP_URL, e.MAIL_FROM) : null,
      sms:
        e.SMS_ACCOUNT_SID && e.SMS_AUTH_TOKEN && e.SMS_FROM
          ? new TwilioSmsSender({
              baseUrl: e.SMS_API_URL,
              accountSid: e.SMS_ACCOUNT_SID,
              authToken: e.SMS_AUTH_TOKEN,
              from: e.SMS_FROM,
            })
          : null,
    },
    clock,
    logger,
    policy: toNotificationPolicy(e),
    publisher: adapters.publisher,
    schedulerAuth,
    sweepOutbox: () => relay.runOnce(),
  },
  {
    logger,
    projectId: e.GOOGLE_CLOUD_PROJECT,
    pushAuth: pushAuthFrom(e),
    readiness: { firestore: adapters.ping },
    isDraining: draining.isDraining,
  },
);

await serveUntilSignal({
  name: 'notification worker',
  port: e.PORT,
  host: '0.0.0.0',
  logger,
  app,
  graceMs: e.SHUTDOWN_GRACE_MS,
  draining,
  adapters,
});

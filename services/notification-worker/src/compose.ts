import { join } from 'node:path';
import { MailboxEmailSender } from '@photo/shared/adapters/fs/email-sender.mailbox';
import { OutboxDirSmsSender } from '@photo/shared/adapters/fs/sms-sender.outbox-dir';
import { TwilioSmsSender } from '@photo/shared/adapters/http/sms-sender.twilio';
import { SmtpEmailSender } from '@photo/shared/adapters/smtp/email-sender.smtp';
import { WebPushSender } from '@photo/shared/adapters/web-push/push-sender.web-push';
import { OutboxRelay } from '@photo/shared/bus/outbox-relay';
import {
  periodicTask,
  workerService,
  type ComposedService,
  type ServiceHost,
} from '@photo/shared/composition/service-host';
import { notificationHandlers } from './app';
import { toNotificationPolicy, type NotificationWorkerEnv } from './config';
import type { NotificationWorkerDeps } from './deps';
import { tasksRoutes } from './routes/tasks.routes';
import { dispatchDue, type DispatchReport } from './use-cases/dispatch';

export type NotificationWorkerSettings = Omit<NotificationWorkerEnv, 'PORT' | 'LOG_LEVEL'>;

/**
 * The embedded default's stand-ins: unset channels write to DATA_DIR (mailbox/, sms-outbox/) instead of being off, and
 * a timer runs the dispatch task Cloud Scheduler calls on Cloud Run.
 */
export interface LocalNotificationOptions {
  dataDir: string;
  dispatchIntervalMs: number;
  /** Push endpoints on http://127.0.0.1 (tests only). */
  allowLoopbackPush: boolean;
}

/**
 * The notification worker: the activity subscription's handler (likes become notifications), the dispatch task that
 * sends what is due on each channel, and the outbox sweep the task runs first.
 */
export function composeNotificationWorker(
  e: NotificationWorkerSettings,
  host: ServiceHost,
  local: LocalNotificationOptions | null = null,
): ComposedService & { dispatchNow(): Promise<DispatchReport> } {
  const { store, clock, logger } = host;
  const email = e.SMTP_URL
    ? new SmtpEmailSender(e.SMTP_URL, e.MAIL_FROM)
    : local && new MailboxEmailSender(join(local.dataDir, 'mailbox'), e.MAIL_FROM);
  const sms =
    e.SMS_ACCOUNT_SID && e.SMS_AUTH_TOKEN && e.SMS_FROM
      ? new TwilioSmsSender({
          baseUrl: e.SMS_API_URL,
          accountSid: e.SMS_ACCOUNT_SID,
          authToken: e.SMS_AUTH_TOKEN,
          from: e.SMS_FROM,
        })
      : local && new OutboxDirSmsSender(join(local.dataDir, 'sms-outbox'), clock);
  const push =
    e.VAPID_PUBLIC_KEY && e.VAPID_PRIVATE_KEY
      ? new WebPushSender(
          { publicKey: e.VAPID_PUBLIC_KEY, privateKey: e.VAPID_PRIVATE_KEY, subject: e.VAPID_SUBJECT },
          10_000,
          { allowPrivate: local?.allowLoopbackPush ?? false },
        )
      : null;
  const worker: NotificationWorkerDeps = {
    ...store,
    settings: store.notificationSettings,
    channels: { push, email, sms },
    clock,
    logger,
    policy: toNotificationPolicy(e),
  };
  // Only its runOnce is used: one relay round per dispatch task, for rows a backend committed but never published.
  const relay = new OutboxRelay(
    { outbox: store.outbox, publisher: store.publisher, clock, logger },
    { intervalMs: 60_000 },
  );
  const dispatchNow = () => dispatchDue(worker);
  const dispatcher =
    local && periodicTask(dispatchNow, local.dispatchIntervalMs, logger, 'notification dispatch');
  const routes = [
    tasksRoutes({ ...worker, schedulerAuth: host.schedulerAuth, sweepOutbox: () => relay.runOnce() }),
  ];
  return {
    ...workerService(
      host,
      notificationHandlers(worker),
      {},
      {
        routes,
        start: () => dispatcher?.start({ now: true }),
        stop: async () => {
          await dispatcher?.stop();
          if (email instanceof SmtpEmailSender) email.close();
        },
      },
    ),
    dispatchNow,
  };
}

import { join } from 'node:path';
import { MailboxEmailSender } from '@photo/shared/adapters/fs/email-sender.mailbox';
import { OutboxDirSmsSender } from '@photo/shared/adapters/fs/sms-sender.outbox-dir';
import { loadOrCreateVapidKeys } from '@photo/shared/adapters/fs/vapid-keys.fs';
import { TwilioSmsSender } from '@photo/shared/adapters/http/sms-sender.twilio';
import { SmtpEmailSender } from '@photo/shared/adapters/smtp/email-sender.smtp';
import { WebPushSender } from '@photo/shared/adapters/web-push/push-sender.web-push';
import { OutboxRelay } from '@photo/shared/bus/outbox-relay';
import type { Logger } from '@photo/shared/http/logger';
import type { Clock } from '@photo/shared/ports/common';
import type { DeliveryRepository } from '@photo/shared/ports/delivery-repository.port';
import type { EventPublisher } from '@photo/shared/ports/event-bus.port';
import type { ImageRepository } from '@photo/shared/ports/image-repository.port';
import type { LikeRepository } from '@photo/shared/ports/like-repository.port';
import type { NotificationRepository } from '@photo/shared/ports/notification-repository.port';
import type { NotificationSettingsRepository } from '@photo/shared/ports/notification-settings.port';
import type { OutboxRepository } from '@photo/shared/ports/outbox.port';
import type { ParticipantRepository } from '@photo/shared/ports/participant-repository.port';
import type { BackendNotificationDeps } from '@photo/backend-api/notifications-wiring';
import { notificationHandlers } from '@photo/notification-worker/app';
import { toNotificationPolicy } from '@photo/notification-worker/config';
import type { NotificationWorkerDeps } from '@photo/notification-worker/deps';
import { dispatchDue, type DispatchReport } from '@photo/notification-worker/use-cases/dispatch';
import type { LocalRunnerConfig } from './config';

export interface NotificationAdapters {
  likes: LikeRepository;
  notifications: NotificationRepository;
  outbox: OutboxRepository;
  notificationSettings: NotificationSettingsRepository;
  deliveries: DeliveryRepository;
  participants: ParticipantRepository;
  images: ImageRepository;
  publisher: EventPublisher;
}

/**
 * Likes and notifications on one machine: the channels (SMTP or a mailbox directory, a Twilio-shaped API or an
 * outbox directory, Web Push with VAPID keys kept in DATA_DIR/notifications), the outbox relay, the notification
 * worker's handler for the bus, and a timer that runs its dispatcher (Cloud Scheduler's job on Cloud Run).
 */
export async function openNotifications(input: {
  config: LocalRunnerConfig;
  dataDir: string;
  logger: Logger;
  clock: Clock;
  adapters: NotificationAdapters;
}) {
  const { config, dataDir, clock, adapters } = input;
  const logger = input.logger.child({ service: 'notification-worker' });
  const vapid = await loadOrCreateVapidKeys(join(dataDir, 'notifications', 'vapid.json'));
  const email = config.SMTP_URL
    ? new SmtpEmailSender(config.SMTP_URL, config.MAIL_FROM)
    : new MailboxEmailSender(join(dataDir, 'mailbox'), config.MAIL_FROM);
  const sms =
    config.SMS_ACCOUNT_SID && config.SMS_AUTH_TOKEN && config.SMS_FROM
      ? new TwilioSmsSender({
          baseUrl: config.SMS_API_URL,
          accountSid: config.SMS_ACCOUNT_SID,
          authToken: config.SMS_AUTH_TOKEN,
          from: config.SMS_FROM,
        })
      : new OutboxDirSmsSender(join(dataDir, 'sms-outbox'), clock);
  const worker: NotificationWorkerDeps = {
    notifications: adapters.notifications,
    deliveries: adapters.deliveries,
    settings: adapters.notificationSettings,
    participants: adapters.participants,
    images: adapters.images,
    channels: {
      push: new WebPushSender({ ...vapid, subject: config.VAPID_SUBJECT }, 10_000, {
        allowPrivate: config.PUSH_ALLOW_LOOPBACK_HTTP,
      }),
      email,
      sms,
    },
    clock,
    logger,
    policy: toNotificationPolicy(config),
  };
  const relay = new OutboxRelay(
    {
      outbox: adapters.outbox,
      publisher: adapters.publisher,
      clock,
      logger: logger.child({ component: 'outbox-relay' }),
    },
    { intervalMs: config.OUTBOX_RELAY_INTERVAL_MS },
  );
  const dispatcher = new PeriodicTask(() => dispatchDue(worker), config.DISPATCH_INTERVAL_MS, logger);
  const backend: BackendNotificationDeps = {
    likes: adapters.likes,
    notifications: adapters.notifications,
    settings: adapters.notificationSettings,
    wakeRelay: () => relay.flush(),
    deepLinkBase: config.DEEP_LINK_BASE,
    vapidPublicKey: vapid.publicKey,
    allowLoopbackPushEndpoints: config.PUSH_ALLOW_LOOPBACK_HTTP,
  };
  return {
    handlers: notificationHandlers(worker),
    backend,
    relay,
    vapidPublicKey: vapid.publicKey,
    /** Runs the dispatcher now (tests); the timer keeps running too. */
    dispatchNow: (): Promise<DispatchReport> => dispatchDue(worker),
    /** The relay's first round publishes whatever a previous run committed and never published. */
    start(options: { relay: boolean }) {
      if (options.relay) relay.start();
      dispatcher.start();
    },
    async stop() {
      await Promise.all([relay.stop(), dispatcher.stop()]);
      if (email instanceof SmtpEmailSender) email.close();
    },
  };
}

export type RunningNotifications = Awaited<ReturnType<typeof openNotifications>>;

/** Runs `task` every `intervalMs`, never two at once; stop waits for the one in progress. */
class PeriodicTask {
  private timer: NodeJS.Timeout | null = null;
  private running: Promise<void> | null = null;

  constructor(
    private readonly task: () => Promise<unknown>,
    private readonly intervalMs: number,
    private readonly logger: Logger,
  ) {}

  start(): void {
    this.timer = setInterval(() => this.tick(), this.intervalMs);
    this.timer.unref();
    this.tick();
  }

  private tick(): void {
    if (this.running) return;
    this.running = this.task()
      .then(() => undefined)
      .catch((err: unknown) => this.logger.warn({ err }, 'notification dispatch failed'))
      .finally(() => (this.running = null));
  }

  async stop(): Promise<void> {
    if (this.timer) clearInterval(this.timer);
    this.timer = null;
    await this.running;
  }
}

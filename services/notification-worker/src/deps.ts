import type { Logger } from '@photo/shared/http/logger';
import type { Clock } from '@photo/shared/ports/common';
import type { DeliveryRepository } from '@photo/shared/ports/delivery-repository.port';
import type { ImageRepository } from '@photo/shared/ports/image-repository.port';
import type { EmailSender, PushSender, SmsSender } from '@photo/shared/ports/notification-channels.port';
import type { NotificationRepository } from '@photo/shared/ports/notification-repository.port';
import type { NotificationSettingsRepository } from '@photo/shared/ports/notification-settings.port';
import type { ParticipantRepository } from '@photo/shared/ports/participant-repository.port';
import type { NotificationPolicy } from './config';

/** A channel left null is not configured: the plan skips it with that reason. */
export interface NotificationChannels {
  push: PushSender | null;
  email: EmailSender | null;
  sms: SmsSender | null;
}

/** What the notification worker's handlers and dispatcher use: ports only. */
export interface NotificationWorkerDeps {
  notifications: NotificationRepository;
  deliveries: DeliveryRepository;
  settings: NotificationSettingsRepository;
  participants: ParticipantRepository;
  images: ImageRepository;
  channels: NotificationChannels;
  clock: Clock;
  logger: Logger;
  policy: NotificationPolicy;
}

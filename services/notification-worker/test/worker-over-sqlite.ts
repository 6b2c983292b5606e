import { openDatabase, type SqliteDatabase } from '@photo/shared/adapters/sqlite/database';
import { SqliteDeliveryRepository } from '@photo/shared/adapters/sqlite/delivery-repository.sqlite';
import { SqliteImageRepository } from '@photo/shared/adapters/sqlite/image-repository.sqlite';
import { SqliteLikeRepository } from '@photo/shared/adapters/sqlite/like-repository.sqlite';
import { SqliteNotificationRepository } from '@photo/shared/adapters/sqlite/notification-repository.sqlite';
import { SqliteNotificationSettingsRepository } from '@photo/shared/adapters/sqlite/notification-settings.sqlite';
import { SqliteParticipantRepository } from '@photo/shared/adapters/sqlite/participant-repository.sqlite';
import { silentLogger } from '@photo/shared/http/logger';
import type {
  ChannelResult,
  EmailMessage,
  PushMessage,
  SmsMessage,
} from '@photo/shared/ports/notification-channels.port';
import { toNotificationPolicy, notificationPolicyEnv } from '../src/config';
import type { NotificationWorkerDeps } from '../src/deps';

/** A clock the test moves. */
export class TestClock {
  constructor(private at: number) {}
  now = (): Date => new Date(this.at);
  advance(ms: number): void {
    this.at += ms;
  }
}

/** Channels that record what they were asked to send and answer what the test says. */
export function recordingChannels() {
  const sent = { push: [] as PushMessage[], email: [] as EmailMessage[], sms: [] as SmsMessage[] };
  const answer: { push: ChannelResult; email: ChannelResult; sms: ChannelResult | (() => ChannelResult) } = {
    push: { status: 'sent', providerId: null },
    email: { status: 'sent', providerId: null },
    sms: { status: 'sent', providerId: null },
  };
  return {
    sent,
    answer,
    channels: {
      push: { send: async (m: PushMessage) => (sent.push.push(m), answer.push) },
      email: { send: async (m: EmailMessage) => (sent.email.push(m), answer.email) },
      sms: {
        send: async (m: SmsMessage) => (
          sent.sms.push(m),
          typeof answer.sms === 'function' ? answer.sms() : answer.sms
        ),
      },
    },
  };
}

/** The worker's deps over an in-memory SQLite store (real adapters), with `env` overriding the policy. */
export function workerOverSqlite(clock: TestClock, env: Record<string, string> = {}) {
  const db: SqliteDatabase = openDatabase(':memory:');
  const recording = recordingChannels();
  const deps: NotificationWorkerDeps = {
    notifications: new SqliteNotificationRepository(db),
    deliveries: new SqliteDeliveryRepository(db),
    settings: new SqliteNotificationSettingsRepository(db),
    participants: new SqliteParticipantRepository(db),
    images: new SqliteImageRepository(db),
    channels: recording.channels,
    clock,
    logger: silentLogger(),
    policy: toNotificationPolicy(notificationPolicyEnv.parse(env)),
  };
  return { db, deps, likes: new SqliteLikeRepository(db), ...recording };
}

import { join } from 'node:path';
import { SqliteAuditLog } from '../adapters/sqlite/audit-log.sqlite';
import { SqliteAutomationRepository } from '../adapters/sqlite/automation-repository.sqlite';
import { FsBlobStore } from '../adapters/fs/blob-store.fs';
import { openDatabase, type SqliteDatabase } from '../adapters/sqlite/database';
import { SqliteDeadLetterRepository } from '../adapters/sqlite/dead-letter-repository.sqlite';
import { SqliteImageRepository } from '../adapters/sqlite/image-repository.sqlite';
import { SqliteOneTimeTokenRepository } from '../adapters/sqlite/one-time-token-repository.sqlite';
import { SqlitePaletteRepository } from '../adapters/sqlite/palette-repository.sqlite';
import { SqliteDeliveryRepository } from '../adapters/sqlite/delivery-repository.sqlite';
import { SqliteLikeRepository } from '../adapters/sqlite/like-repository.sqlite';
import { SqliteNotificationRepository } from '../adapters/sqlite/notification-repository.sqlite';
import { SqliteNotificationSettingsRepository } from '../adapters/sqlite/notification-settings.sqlite';
import { SqliteOutboxRepository } from '../adapters/sqlite/outbox.sqlite';
import { SqliteParticipantRepository } from '../adapters/sqlite/participant-repository.sqlite';
import { SqliteRateLimiter } from '../adapters/sqlite/rate-limiter.sqlite';
import { SqliteUpdateFeed } from '../adapters/sqlite/update-feed.sqlite';
import { SqliteUploadIntentRepository } from '../adapters/sqlite/upload-intent-repository.sqlite';
import { SqliteCheckpointRepository } from '../adapters/sqlite/checkpoint-repository.sqlite';
import { EmbeddedEventBus } from '../adapters/sqlite/event-bus.sqlite';
import { SUBSCRIPTIONS, type SubscriptionSpec } from '../events/topology';
import type { Logger } from '../http/logger';
import type { Clock } from '../ports/common';

export interface EmbeddedOptions {
  dataDir: string;
  logger: Logger;
  clock: Clock;
  /** Bus timing (tests shorten the retry backoffs); subscriptions default to the system's topology. */
  bus?: { pollIntervalMs?: number; backoffScale?: number; subscriptions?: SubscriptionSpec[] };
  /** This run of the process, as the data-directory lock named it: written into the bus leases it takes. */
  incarnation?: string;
}

/**
 * The embedded default, built in one place: SQLite in the data directory for every repository and the event bus,
 * a directory per bucket for blobs. No cloud account, nothing mocked: a venue can run the event on it. Image work
 * (sharp) is built by the services that do it.
 */
export function openEmbeddedAdapters(options: EmbeddedOptions) {
  const db: SqliteDatabase = openDatabase(join(options.dataDir, 'event-photo.db'));
  const bucketRoot = join(options.dataDir, 'buckets', 'images');
  const bus = new EmbeddedEventBus(db, options.bus?.subscriptions ?? SUBSCRIPTIONS, {
    clock: options.clock,
    logger: options.logger.child({ component: 'bus' }),
    pollIntervalMs: options.bus?.pollIntervalMs,
    backoffScale: options.bus?.backoffScale,
    incarnation: options.incarnation,
  });
  return {
    db,
    bus,
    publisher: bus,
    /** The image server receives uploads itself (PUT /u/{policy}): no bucket signs targets. */
    uploadTargets: null,
    participants: new SqliteParticipantRepository(db),
    images: new SqliteImageRepository(db),
    tokens: new SqliteOneTimeTokenRepository(db),
    updates: new SqliteUpdateFeed(db),
    deadLetters: new SqliteDeadLetterRepository(db),
    blobs: new FsBlobStore(bucketRoot),
    /** The images bucket's directory, for start-up recovery of what crashed puts left. */
    bucketRoot,
    palettes: new SqlitePaletteRepository(db),
    likes: new SqliteLikeRepository(db),
    notifications: new SqliteNotificationRepository(db),
    outbox: new SqliteOutboxRepository(db),
    notificationSettings: new SqliteNotificationSettingsRepository(db),
    deliveries: new SqliteDeliveryRepository(db),
    uploads: new SqliteUploadIntentRepository(db),
    checkpoints: new SqliteCheckpointRepository(db),
    audit: new SqliteAuditLog(db),
    automation: new SqliteAutomationRepository(db),
    limiter: new SqliteRateLimiter(db),
    /** Checks the database answers: for readiness. */
    ping: () => {
      db.prepare('SELECT 1').get();
    },
    async close() {
      await bus.close();
      db.close();
    },
  };
}

export type EmbeddedAdapters = ReturnType<typeof openEmbeddedAdapters>;

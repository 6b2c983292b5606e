import type { Express, Router } from 'express';
import type { ServiceCallerVerifier } from '../auth/service-verifier';
import type { ReadinessCheck } from '../http/health';
import type { Logger } from '../http/logger';
import { createWorkerApp } from '../http/worker-app';
import type { AuditLog } from '../ports/audit-log.port';
import type { AutomationRepository } from '../ports/automation-repository.port';
import type { BlobStore } from '../ports/blob-store.port';
import type { CheckpointRepository } from '../ports/checkpoint-repository.port';
import type { Clock } from '../ports/common';
import type { DeadLetterRepository } from '../ports/dead-letter-repository.port';
import type { DeliveryRepository } from '../ports/delivery-repository.port';
import type { EventPublisher, MessageHandler } from '../ports/event-bus.port';
import type { ImageRepository } from '../ports/image-repository.port';
import type { LikeRepository } from '../ports/like-repository.port';
import type { NotificationRepository } from '../ports/notification-repository.port';
import type { NotificationSettingsRepository } from '../ports/notification-settings.port';
import type { OneTimeTokenRepository } from '../ports/one-time-token-repository.port';
import type { OutboxRepository } from '../ports/outbox.port';
import type { PaletteRepository } from '../ports/palette-repository.port';
import type { ParticipantRepository } from '../ports/participant-repository.port';
import type { RateLimiter } from '../ports/rate-limiter.port';
import type { ServiceTokenSource } from '../ports/service-token.port';
import type { UpdateFeed } from '../ports/update-feed.port';
import type { UploadIntentRepository } from '../ports/upload-intent-repository.port';
import type { UploadTargetSigner } from '../ports/upload-target-signer.port';

/**
 * The store, bus and bucket set the services share: SQLite, the durable local bus and a directory per bucket
 * embedded (composition/embedded.ts); Firestore, Pub/Sub and Cloud Storage in the cloud (composition/cloud.ts).
 * Opened once per process; each service's composition takes from it the ports it uses.
 */
export interface StoreSet {
  participants: ParticipantRepository;
  images: ImageRepository;
  tokens: OneTimeTokenRepository;
  updates: UpdateFeed;
  deadLetters: DeadLetterRepository;
  palettes: PaletteRepository;
  likes: LikeRepository;
  notifications: NotificationRepository;
  outbox: OutboxRepository;
  notificationSettings: NotificationSettingsRepository;
  deliveries: DeliveryRepository;
  uploads: UploadIntentRepository;
  checkpoints: CheckpointRepository;
  audit: AuditLog;
  automation: AutomationRepository;
  limiter: RateLimiter;
  blobs: BlobStore;
  publisher: EventPublisher;
  /** Cloud Storage's V4 signed URLs; null embedded, where the image server receives uploads itself. */
  uploadTargets: UploadTargetSigner | null;
  ping: ReadinessCheck;
  close(): Promise<void>;
}

/** Where a service runs, as its composition sees it: the shared store set and the process's facilities. */
export interface ServiceHost {
  store: StoreSet;
  logger: Logger;
  clock: Clock;
  projectId: string | null;
  /**
   * Pub/Sub pushes to the service's app, checked with its OIDC tokens (pushAuth null: the emulator, which sends
   * none); null where the embedded bus delivers in process and the app serves no push endpoint.
   */
  push: { pushAuth: ServiceCallerVerifier | null } | null;
  /** Who may call the scheduled tasks: Cloud Scheduler's OIDC tokens; null where the host runs them on a timer. */
  schedulerAuth: ServiceCallerVerifier | null;
  readiness: Record<string, ReadinessCheck>;
  isDraining: () => boolean;
  /** The ID tokens this service presents when it calls another: Google's, or the dev identity provider's. */
  tokens: ServiceTokenSource;
  /** Scratch files: memory on Cloud Run, DATA_DIR/tmp embedded. */
  tmpDir: string;
}

/** A service built from its config: the same in its container and in the local runner. */
export interface ComposedService {
  /** Its HTTP app: its routes, or the Pub/Sub push endpoint in front of its handlers. */
  app: Express;
  /** Subscription → handler: pushed to `app` on Cloud Run, subscribed on the embedded bus. */
  handlers: Record<string, MessageHandler>;
  /** Deliveries at once per subscription on the embedded bus, as the Cloud Run service's concurrency bounds them. */
  concurrency: Record<string, number>;
  /** Starts what runs besides requests (an outbox relay; the timers standing in for Cloud Scheduler jobs). */
  start(): void;
  /** Draining begins: open streams end (their clients reconnect elsewhere), before the server closes. */
  drain(): void;
  /** Once the server has closed: stops what start() started and waits for the work in progress. */
  stop(): Promise<void>;
}

/** A worker's composition: its handlers behind the push endpoint, and its scheduled tasks' routes. */
export function workerService(
  host: ServiceHost,
  handlers: Record<string, MessageHandler>,
  concurrency: Record<string, number>,
  extra: { routes?: Router[]; start?: () => void; stop?: () => Promise<void> } = {},
): ComposedService {
  return {
    app: createWorkerApp({
      logger: host.logger,
      projectId: host.projectId,
      handlers,
      publisher: host.store.publisher,
      pushAuth: host.push?.pushAuth ?? null,
      readiness: host.readiness,
      isDraining: host.isDraining,
      ...(extra.routes ? { routes: extra.routes } : {}),
    }),
    handlers,
    concurrency,
    start: extra.start ?? (() => undefined),
    drain: () => undefined,
    stop: extra.stop ?? (async () => undefined),
  };
}

/** Runs `task` every `intervalMs` (a Cloud Scheduler job's stand-in), never two at once; stop waits for the one running. */
export function periodicTask(task: () => Promise<unknown>, intervalMs: number, logger: Logger, what: string) {
  let timer: NodeJS.Timeout | null = null;
  let running: Promise<unknown> | null = null;
  const tick = () => {
    if (running) return;
    running = task()
      .catch((err: unknown) => logger.warn({ err }, `${what} failed`))
      .finally(() => (running = null));
  };
  return {
    start(options: { now?: boolean } = {}) {
      timer = setInterval(tick, intervalMs);
      timer.unref();
      if (options.now) tick();
    },
    async stop() {
      if (timer) clearInterval(timer);
      timer = null;
      await running;
    },
  };
}

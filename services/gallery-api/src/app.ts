import type { Express } from 'express';
import type { ServiceCallerVerifier } from '@photo/shared/auth/service-verifier';
import { createBaseApp } from '@photo/shared/http/base-app';
import type { ReadinessCheck } from '@photo/shared/http/health';
import type { Logger } from '@photo/shared/http/logger';
import { pubsubPushRoutes } from '@photo/shared/http/pubsub-push.routes';
import type { BlobStore } from '@photo/shared/ports/blob-store.port';
import type { Clock } from '@photo/shared/ports/common';
import type { EventPublisher, MessageHandler } from '@photo/shared/ports/event-bus.port';
import type { FaceAnalysisRepository } from '@photo/shared/ports/face-analysis-repository.port';
import type { FaceAnalyzer } from '@photo/shared/ports/face-analyzer.port';
import type { FaceIndex } from '@photo/shared/ports/face-index.port';
import type { GalleryItemRepository } from '@photo/shared/ports/gallery-item-repository.port';
import type { GalleryLikeRepository } from '@photo/shared/ports/gallery-like-repository.port';
import type { GallerySessionRepository } from '@photo/shared/ports/gallery-session-repository.port';
import type { GalleryUserRepository } from '@photo/shared/ports/gallery-user-repository.port';
import type { ParticipantRepository } from '@photo/shared/ports/participant-repository.port';
import type { ImageInspector } from '@photo/shared/ports/image-inspector.port';
import type { ImageServerClient } from '@photo/shared/ports/image-server-client.port';
import type { RateLimiter } from '@photo/shared/ports/rate-limiter.port';
import type { AuditLog } from '@photo/shared/ports/audit-log.port';
import type { Recommender } from '@photo/shared/ports/recommender.port';
import { SELFIE_TYPES, type GalleryConfig } from './config';
import { catalogObjectHandler } from './handlers/catalog-object.handler';
import { storageEventHandler } from './handlers/storage-event.handler';
import { galleryRoutes } from './routes/gallery.routes';
import { openApiRoutes } from './routes/openapi.routes';
import { tasksRoutes, type GalleryReconcileTaskDeps } from './routes/tasks.routes';

export interface GalleryDeps {
  config: GalleryConfig;
  logger: Logger;
  clock: Clock;
  inspector: ImageInspector;
  analyzer: FaceAnalyzer;
  faces: FaceIndex;
  users: GalleryUserRepository;
  items: GalleryItemRepository;
  likes: GalleryLikeRepository;
  analyses: FaceAnalysisRepository;
  sessions: GallerySessionRepository;
  /** Participant tokens stand for the gallery user their participant made; null where there are no participants. */
  participants: Pick<ParticipantRepository, 'findByTokenHash'> | null;
  recommender: Recommender;
  limiter: RateLimiter;
  /** Erasures are recorded here (who, which user, when, the request id), beside the backend's actions. */
  audit: AuditLog;
  imageServer: ImageServerClient;
  blobs: BlobStore;
  publisher: EventPublisher;
  readiness: Record<string, ReadinessCheck>;
  isDraining: () => boolean;
  /** Cloud Run: Pub/Sub pushes this service's subscriptions here (absent when the embedded bus delivers in-process). */
  push?: { pushAuth: ServiceCallerVerifier | null };
  /** The browser apps' origins CORS allows (absent: none). */
  appOrigins?: readonly string[];
  /** Cloud: Cloud Scheduler's gallery reconcile task (the embedded runner reconciles on its own timer). */
  reconcileTask?: Pick<GalleryReconcileTaskDeps, 'schedulerAuth' | 'options'>;
}

/** This service's subscriptions and their handlers: the embedded bus and the push endpoint both use this list. */
export function galleryHandlers(
  deps: Pick<GalleryDeps, 'publisher' | 'blobs' | 'imageServer' | 'items' | 'recommender'> & {
    config: Pick<GalleryConfig, 'galleryPrefix'>;
  },
): Record<string, MessageHandler> {
  return {
    'gallery-api.storage-events': storageEventHandler({
      publisher: deps.publisher,
      galleryPrefix: deps.config.galleryPrefix,
    }),
    'gallery-api.catalog-objects': catalogObjectHandler(deps),
  };
}

/** The face gallery: selfie → expression and recognition, users, recommendations with one-time URLs, likes, erasure. */
export function createGalleryApp(deps: GalleryDeps): Express {
  const { config } = deps;
  return createBaseApp({
    logger: deps.logger,
    projectId: config.projectId,
    cors: { origins: deps.appOrigins ?? [] },
    readiness: deps.readiness,
    isDraining: deps.isDraining,
    routes: [
      galleryRoutes({ ...deps, config: { ...config, selfieTypes: SELFIE_TYPES } }),
      openApiRoutes(),
      ...(deps.reconcileTask ? [tasksRoutes({ ...deps, ...deps.reconcileTask })] : []),
      ...(deps.push
        ? [
            pubsubPushRoutes({
              handlers: galleryHandlers(deps),
              publisher: deps.publisher,
              pushAuth: deps.push.pushAuth,
            }),
          ]
        : []),
    ],
  });
}

import type { Express } from 'express';
import type { ServiceCallerVerifier } from '@photo/shared/auth/service-verifier';
import { createBaseApp } from '@photo/shared/http/base-app';
import type { ReadinessCheck } from '@photo/shared/http/health';
import type { Logger } from '@photo/shared/http/logger';
import { pubsubPushRoutes } from '@photo/shared/http/pubsub-push.routes';
import type { BlobStore } from '@photo/shared/ports/blob-store.port';
import type { EventPublisher, MessageHandler } from '@photo/shared/ports/event-bus.port';
import { SELFIE_TYPES, type GalleryConfig } from './config';
import { catalogObjectHandler } from './handlers/catalog-object.handler';
import { storageEventHandler } from './handlers/storage-event.handler';
import { galleryRoutes, type GalleryRouteDeps } from './routes/gallery.routes';
import { openApiRoutes } from './routes/openapi.routes';
import { tasksRoutes, type GalleryReconcileTaskDeps } from './routes/tasks.routes';

/** What the gallery's app uses: its routes' ports and settings, and what serves them. */
export type GalleryDeps = Omit<GalleryRouteDeps, 'config'> & {
  config: GalleryConfig;
  logger: Logger;
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
};

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
      ...(deps.push ? [pubsubPushRoutes({ ...deps, ...deps.push, handlers: galleryHandlers(deps) })] : []),
    ],
  });
}

import type { Express } from 'express';
import type { ServiceCallerVerifier } from '@photo/shared/auth/service-verifier';
import { createBaseApp } from '@photo/shared/http/base-app';
import type { ReadinessCheck } from '@photo/shared/http/health';
import type { Logger } from '@photo/shared/http/logger';
import type { BlobStore } from '@photo/shared/ports/blob-store.port';
import type { Clock } from '@photo/shared/ports/common';
import type { EventPublisher, MessageHandler } from '@photo/shared/ports/event-bus.port';
import type { ImageInspector } from '@photo/shared/ports/image-inspector.port';
import type { ImageSanitizer } from '@photo/shared/ports/image-sanitizer.port';
import type { ImageRepository } from '@photo/shared/ports/image-repository.port';
import type { OneTimeTokenRepository } from '@photo/shared/ports/one-time-token-repository.port';
import { pubsubPushRoutes } from '@photo/shared/http/pubsub-push.routes';
import { recordVariantHandler } from './handlers/record-variant.handler';
import { internalRoutes, type LinkIssuer } from './routes/internal.routes';
import { answeredFirst } from '@photo/shared/http/answered-first';
import { oneTimeLinkListener } from './routes/one-time-link.listener';
import { oneTimeLinkRoutes } from './routes/one-time-link.routes';
import { uploadRoutes } from './routes/uploads.routes';
import { tasksRoutes, type ReconcileTaskDeps } from './routes/tasks.routes';
import { SpoolSlots } from '@photo/shared/io/spool-slots';
import { CleanOriginals } from './use-cases/clean-originals';
import { ServedBytesCache } from './use-cases/served-bytes-cache';
import { issueLink, issuedLinkView } from './use-cases/issue-link';
import type { UploadTargetSigner } from '@photo/shared/ports/upload-target-signer.port';
import type { ReceiveUploadDeps } from './use-cases/receive-upload';
import type { ReconcileDeps } from './use-cases/reconcile-store';
import type { ImageServerConfig } from './config';

export interface ImageServerDeps {
  config: Pick<
    ImageServerConfig,
    | 'publicBaseUrl'
    | 'linkTtlSeconds'
    | 'maxUploadBytes'
    | 'maxInputPixels'
    | 'allowedTypes'
    | 'tmpDir'
    | 'archiveOriginals'
    | 'spool'
    | 'servedCacheBytes'
    | 'projectId'
  >;
  logger: Logger;
  clock: Clock;
  images: ImageRepository;
  tokens: OneTimeTokenRepository;
  blobs: BlobStore;
  inspector: ImageInspector;
  /** Strips personal metadata from originals, on upload and (for ones stored before) when served. */
  sanitizer: ImageSanitizer;
  publisher: EventPublisher;
  callers: ServiceCallerVerifier;
  readiness: Record<string, ReadinessCheck>;
  isDraining: () => boolean;
  /** Cloud Run: Pub/Sub pushes this service's subscriptions here (absent when the embedded bus delivers in-process). */
  push?: { pushAuth: ServiceCallerVerifier | null };
  /** Direct uploads: the signer of targets, and (embedded) the endpoint that receives them. */
  uploads?: { signer: UploadTargetSigner; receiver: ReceiveUploadDeps | null };
  /** The browser apps' origins CORS allows (absent: none). */
  appOrigins?: readonly string[];
  /** Cloud: Cloud Scheduler's store reconcile task (the embedded runner reconciles on its own timer). */
  reconcileTask?: Omit<ReconcileTaskDeps, keyof ReconcileDeps>;
}

/** This service's subscriptions and their handlers: the embedded bus and the push endpoint both use this list. */
export function imageServerHandlers(
  deps: Pick<ImageServerDeps, 'images' | 'publisher' | 'clock'>,
): Record<string, MessageHandler> {
  return { 'image-server.variant-ready': recordVariantHandler(deps) };
}

export type { LinkIssuer } from './routes/internal.routes';

/**
 * The image server's link issuing as a function, for a backend in the same process (the local runner): the same use
 * case and answer as the internal route, without an HTTP hop and a service token per link.
 */
export function imageServerLinkIssuer(
  deps: Pick<ImageServerDeps, 'images' | 'tokens' | 'clock'> & {
    config: Pick<ImageServerConfig, 'linkTtlSeconds' | 'publicBaseUrl'>;
  },
): LinkIssuer {
  const links = { ...deps, ttlSeconds: deps.config.linkTtlSeconds };
  return async (imageId, variant) =>
    issuedLinkView(await issueLink(links, imageId, variant), deps.config.publicBaseUrl);
}

/** The routes a browser app calls directly (`GET /i/{token}`, `PUT /u/{policy}`). */
export const BROWSER_PATHS = ['/i', '/u'];

/** The image server: stores image versions, issues one-time links, and serves them as a reverse proxy of storage. */
export function createImageServerApp(deps: ImageServerDeps): Express {
  const { config } = deps;
  // One budget for the instance's temp directory: uploads and legacy originals served stripped share it.
  const spoolSlots = new SpoolSlots(config.spool.slots, config.spool.waitMs, config.spool.queue);
  const redeem = {
    ...deps,
    tmpDir: config.tmpDir,
    spoolSlots,
    maxPixels: config.maxInputPixels,
    cleanOriginals: new CleanOriginals(),
    servedBytes: new ServedBytesCache(config.servedCacheBytes),
  };
  const app = createBaseApp({
    logger: deps.logger,
    projectId: config.projectId,
    // Only what a page fetches: one-time URLs and the embedded upload target; /internal is for services.
    cors: { origins: deps.appOrigins ?? [], paths: BROWSER_PATHS },
    readiness: deps.readiness,
    isDraining: deps.isDraining,
    routes: [
      oneTimeLinkRoutes(redeem),
      internalRoutes({
        store: {
          ...deps,
          archiveOriginals: config.archiveOriginals,
          limits: {
            maxBytes: config.maxUploadBytes,
            maxPixels: config.maxInputPixels,
            allowedTypes: config.allowedTypes,
          },
          tmpDir: config.tmpDir,
          spoolSlots,
        },
        issueLink: imageServerLinkIssuer(deps),
        callers: deps.callers,
      }),
      ...(deps.uploads ? [uploadRoutes({ ...deps.uploads, callers: deps.callers })] : []),
      ...(deps.reconcileTask ? [tasksRoutes({ ...deps, ...deps.reconcileTask })] : []),
      ...(deps.push
        ? [pubsubPushRoutes({ ...deps, ...deps.push, handlers: imageServerHandlers(deps) })]
        : []),
    ],
  });
  // Phones redeem one link per image they show: those requests skip the Express stack (see the listener).
  return answeredFirst(
    app,
    oneTimeLinkListener(redeem, {
      logger: deps.logger,
      projectId: config.projectId,
      appOrigins: deps.appOrigins ?? [],
    }),
  );
}

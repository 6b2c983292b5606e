import { join } from 'node:path';
import { HttpImageServerClient } from '@photo/shared/adapters/http/image-server-client.http';
import { DevIdpServiceTokenSource } from '@photo/shared/adapters/http/local-service-tokens';
import type { SqliteDatabase } from '@photo/shared/adapters/sqlite/database';
import type { GalleryAdapters } from '@photo/shared/composition/gallery-local';
import { openEmbeddedGallery } from '@photo/shared/composition/gallery-embedded';
import type { Firestore } from '@google-cloud/firestore';
import type { ReadinessCheck } from '@photo/shared/http/health';
import type { Logger } from '@photo/shared/http/logger';
import { startServer, type RunningServer } from '@photo/shared/http/server';
import type { DevIdentityProvider } from '@photo/shared/identity/dev-identity-provider';
import type { BlobStore } from '@photo/shared/ports/blob-store.port';
import type { Clock } from '@photo/shared/ports/common';
import type { EventPublisher } from '@photo/shared/ports/event-bus.port';
import type { ImageInspector } from '@photo/shared/ports/image-inspector.port';
import { createGalleryApp, galleryHandlers } from '@photo/gallery-api/app';
import { expireFaces } from '@photo/gallery-api/use-cases/expire-faces';
import { reconcileGallery } from '@photo/gallery-api/use-cases/reconcile-gallery';
import type { LocalRunnerConfig } from './config';
import { EMBEDDED_IMAGES_BUCKET } from './gallery-config';
import type { AuditLog } from '@photo/shared/ports/audit-log.port';

export const GALLERY_SERVICE_ACCOUNT = 'gallery-api@embedded.local';

/** What the gallery needs of the system's adapters: the SQLite database embedded, Firestore in cloud mode. */
export interface GallerySystemAdapters {
  db?: SqliteDatabase;
  firestore?: Firestore;
  blobs: BlobStore;
  inspector: ImageInspector;
  publisher: EventPublisher;
  audit: AuditLog;
  ping: ReadinessCheck;
}

/**
 * The face gallery in the local runner: its adapters over the system's store, its app on its own port (as its own
 * Cloud Run service would be), its bus handlers, and the retention sweep of expired faces and analyses.
 */
export async function startGallery(input: {
  config: LocalRunnerConfig;
  dataDir: string;
  logger: Logger;
  clock: Clock;
  adapters: GallerySystemAdapters;
  idp: DevIdentityProvider;
  imageServerUrl: string;
  isDraining: () => boolean;
  /** The browser apps' origins CORS allows. */
  appOrigins: readonly string[];
}) {
  const { config, clock, adapters } = input;
  const logger = input.logger.child({ service: 'gallery-api' });
  const options = {
    matchThreshold: config.GALLERY_FACE_MATCH_THRESHOLD,
    recommenderSeed: config.GALLERY_RECOMMENDER_SEED,
  };
  // The cloud composition loads the AWS and Firestore clients: only when asked for, so the embedded default
  // starts without them (a restart after a crash is that much sooner).
  const gallery: GalleryAdapters = adapters.db
    ? openEmbeddedGallery(adapters.db, options)
    : (await import('@photo/shared/composition/gallery')).openFirestoreGallery(adapters.firestore!, options);
  const imageServer = new HttpImageServerClient(
    input.imageServerUrl,
    input.imageServerUrl,
    new DevIdpServiceTokenSource(input.idp, GALLERY_SERVICE_ACCOUNT),
  );
  const galleryConfig = {
    projectId: null,
    maxSelfieBytes: config.GALLERY_MAX_SELFIE_BYTES,
    maxSelfiePixels: config.GALLERY_MAX_SELFIE_PIXELS,
    minFacePx: config.GALLERY_MIN_FACE_PX,
    analysisTtlSeconds: config.GALLERY_ANALYSIS_TTL_SECONDS,
    sessionTtlSeconds: config.GALLERY_SESSION_TTL_SECONDS,
    rateLimits: {
      emotionPerMinute: config.GALLERY_RATE_EMOTION_PER_MINUTE,
      createUserPerMinute: config.GALLERY_RATE_CREATE_USER_PER_MINUTE,
      likesPerMinute: config.GALLERY_RATE_LIKES_PER_MINUTE,
    },
    faceRetentionDays: config.GALLERY_FACE_RETENTION_DAYS,
    defaultItems: config.GALLERY_DEFAULT_ITEMS,
    galleryPrefix: config.GALLERY_PREFIX,
    tmpDir: join(input.dataDir, 'tmp', 'selfies'),
  };
  const deps = {
    ...gallery,
    blobs: adapters.blobs,
    publisher: adapters.publisher,
    imageServer,
    config: galleryConfig,
  };
  const server: RunningServer = await startServer(
    createGalleryApp({
      ...deps,
      logger,
      clock,
      inspector: adapters.inspector,
      audit: adapters.audit,
      readiness: { store: adapters.ping },
      isDraining: input.isDraining,
      appOrigins: input.appOrigins,
    }),
    { port: config.GALLERY_PORT, host: config.HOST, logger: input.logger, name: 'face gallery' },
  );

  const sweepOnce = () =>
    expireFaces({ users: gallery.users, faces: gallery.faces, analyses: gallery.analyses, clock });
  const sweep = setInterval(() => {
    sweepOnce().catch((err: unknown) => logger.warn({ err }, 'gallery retention sweep failed'));
  }, config.GALLERY_SWEEP_INTERVAL_MS);
  sweep.unref();

  return {
    server,
    gallery,
    handlers: galleryHandlers(deps),
    /** Runs the retention sweep now (tests, and an operator who lowers the retention). */
    sweep: sweepOnce,
    /**
     * The gallery's part of a reconciler pass on the embedded store: its objects against the catalog, its faces
     * against the users.
     */
    reconcile: (options: { safetyWindowSeconds: number; repair: boolean }) =>
      reconcileGallery(
        { ...gallery, blobs: adapters.blobs, publisher: adapters.publisher, clock },
        {
          ...options,
          bucket: EMBEDDED_IMAGES_BUCKET,
          galleryPrefix: config.GALLERY_PREFIX,
        },
      ),
    stop: () => clearInterval(sweep),
  };
}

export type RunningGallery = Awaited<ReturnType<typeof startGallery>>;

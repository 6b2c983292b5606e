import { join, resolve } from 'node:path';
import express from 'express';
import { JwtVerifier } from '@photo/shared/auth/jwt-verifier';
import { ServiceCallerVerifier } from '@photo/shared/auth/service-verifier';
import { HttpImageServerClient } from '@photo/shared/adapters/http/image-server-client.http';
import { DevIdpServiceTokenSource } from '@photo/shared/adapters/http/local-service-tokens';
import { openEmbeddedAdapters, type EmbeddedOptions } from '@photo/shared/composition/embedded';
import { lockDataDir } from '@photo/shared/adapters/sqlite/data-dir-lock.sqlite';
import { errorHandler } from '@photo/shared/http/error-handler';
import type { Logger } from '@photo/shared/http/logger';
import { requestContextMiddleware } from '@photo/shared/http/request-context';
import { apiSecurityHeaders } from '@photo/shared/http/security-headers';
import { startServer, type RunningServer } from '@photo/shared/http/server';
import { DevIdentityProvider } from '@photo/shared/identity/dev-identity-provider';
import { devIdentityRoutes } from '@photo/shared/identity/dev-identity.routes';
import type { Clock } from '@photo/shared/ports/common';
import { QrCodec } from '@photo/shared/security/qr-codec';
import { DevOperatorDirectory } from '@photo/shared/adapters/dev/operator-directory.dev';
import { backendHandlers, createBackendApp } from '@photo/backend-api/app';
import { UpdateHub } from '@photo/backend-api/live/update-hub';
import { toRateLimits } from '@photo/backend-api/rate-limits';
import {
  createImageServerApp,
  imageServerHandlers,
  imageServerLinkIssuer,
  type LinkIssuer,
} from '@photo/image-server/app';
import { DEFAULT_SPOOL } from '@photo/image-server/config';
import { clusterImageHandler } from '@photo/clustering-worker/handlers/cluster-image.handler';
import { generateArtworkHandler } from '@photo/generation-worker/handlers/generate-artwork.handler';
import { recolourLookHandler } from '@photo/processing-worker/handlers/recolour-look.handler';
import { autoGenerateHandler } from '@photo/generation-worker/handlers/auto-generate.handler';
import { autoLooksHandler } from '@photo/processing-worker/handlers/auto-looks.handler';
import { subscriptionSpec } from '@photo/shared/events/topology';
import type { CloudAdapters } from '@photo/shared/composition/cloud';
import type { MessageHandler } from '@photo/shared/ports/event-bus.port';
import type { LocalRunnerConfig } from './config';
import { persistentSecret } from './persistent-secret';
import { openNotifications } from './notifications';
import { GALLERY_SERVICE_ACCOUNT, startGallery } from './gallery';
import { openUploads, UPLOAD_PIPELINE_SERVICE_ACCOUNT } from './uploads';
import type { UploadPipelineDeps } from '@photo/upload-pipeline/deps';
import { clearDirectory, recoverDataDir } from './recovery/startup-recovery';
import { startReconciler } from './recovery/reconciler';
import { InProcessLinksImageServerClient } from './image-server-client.in-process';

export const BACKEND_SERVICE_ACCOUNT = 'backend-api@embedded.local';

export interface SystemOptions {
  config: LocalRunnerConfig;
  logger: Logger;
  clock: Clock;
  bus?: EmbeddedOptions['bus'];
  /** Backend stream timings, shortened by tests. */
  streamRecheckMs?: number;
  /**
   * Cloud mode (tests and local runs against the emulators): these adapters instead of the embedded ones, and
   * deliveries by Pub/Sub push to each service's push endpoint on localhost instead of the in-process bus.
   */
  cloud?: CloudAdapters;
  /** False leaves the outbox relay off (tests of a crash between a like's commit and its publish). */
  outboxRelay?: boolean;
  /** Tests: wraps the upload pipeline's ports (a worker that dies between steps). */
  wrapUploadPipeline?: (deps: UploadPipelineDeps) => UploadPipelineDeps;
  /** The running web apps' origins: the APIs' CORS allows these unless APP_ORIGINS says otherwise. */
  appOrigins?: readonly string[];
}

/**
 * The whole system on one machine: the dev identity provider, the image server and the backend API, each on its
 * own port as they would be on Cloud Run, wired to the embedded adapters, with the backend's bus subscriptions.
 */
export async function startSystem(options: SystemOptions) {
  const { config, logger, clock } = options;
  const dataDir = resolve(config.DATA_DIR);
  // One runner per data directory (a second start is refused); the lock names this run in the bus leases it takes.
  const lock = lockDataDir(dataDir);
  const embedded = options.cloud
    ? null
    : openEmbeddedAdapters({ dataDir, logger, clock, bus: options.bus, incarnation: lock.incarnation });
  // Before anything is served: what the last run left (scratch files, half-written objects, leases) is dealt with.
  const recovery = await recoverDataDir({
    dataDir,
    bucketRoot: embedded?.bucketRoot ?? null,
    reclaimLeases: embedded ? () => embedded.bus.reclaimLeases() : null,
    logger,
  });
  const adapters = options.cloud ?? { ...embedded!, publisher: embedded!.bus };
  const notifications = await openNotifications({ config, dataDir, logger, clock, adapters });
  const uploadsSetup = await openUploads({
    config,
    dataDir,
    logger,
    clock,
    adapters,
    cloudSigner: options.cloud?.uploadTargets ?? null,
    ...(options.wrapUploadPipeline ? { wrapPipeline: options.wrapUploadPipeline } : {}),
  });
  const servers: RunningServer[] = [];
  let draining = false;
  const isDraining = () => draining;
  const publicHost = config.PUBLIC_HOST;
  const publicUrl = (url: string) => (publicHost ? url.replace(/\/\/[^:/]+/, `//${publicHost}`) : url);
  const appOrigins = config.APP_ORIGINS ?? options.appOrigins ?? [];

  // Identity: the dev provider stands in for Auth0 (users) and for Google (service-to-service ID tokens).
  const idpApp = express();
  idpApp.use(requestContextMiddleware(logger.child({ service: 'dev-identity' }), null));
  idpApp.use(apiSecurityHeaders());
  // The issuer URL names the port, known only once listening: the routes arrive right after.
  let idpRoutes: ReturnType<typeof devIdentityRoutes> | null = null;
  idpApp.use((req, res, next) => (idpRoutes ? idpRoutes(req, res, next) : res.status(503).end()));
  idpApp.use(errorHandler);
  const idpServer = await startServer(idpApp, {
    port: config.IDENTITY_PORT,
    host: config.HOST,
    logger,
    name: 'dev identity provider',
  });
  servers.push(idpServer);
  const issuer = `${publicUrl(idpServer.url)}/`;
  const idp = await DevIdentityProvider.load(join(dataDir, 'identity'), issuer, {
    audience: config.AUTH_AUDIENCE,
  });
  idpRoutes = devIdentityRoutes(idp, { accessTokenTtlSeconds: config.IDENTITY_ACCESS_TOKEN_TTL_SECONDS });
  const jwksUrl = `${idpServer.url}/.well-known/jwks.json`;

  // The backend issues one-time links by calling into the image server built here, with the same dependencies.
  let issueLinks: LinkIssuer | null = null;
  const imageServer = await startServer(
    {
      build: (url: string) => {
        const imageServerDeps = {
          config: {
            publicBaseUrl: publicUrl(url),
            linkTtlSeconds: config.LINK_TTL_SECONDS,
            maxUploadBytes: config.MAX_UPLOAD_BYTES,
            maxInputPixels: config.MAX_INPUT_PIXELS,
            allowedTypes: config.ALLOWED_TYPES,
            tmpDir: join(dataDir, 'tmp'),
            archiveOriginals: config.ARCHIVE_ORIGINALS,
            spool: DEFAULT_SPOOL,
            projectId: null,
          },
          logger: logger.child({ service: 'image-server' }),
          clock,
          images: adapters.images,
          palettes: adapters.palettes,
          tokens: adapters.tokens,
          blobs: adapters.blobs,
          inspector: adapters.inspector,
          sanitizer: adapters.sanitizer,
          publisher: adapters.publisher,
          callers: new ServiceCallerVerifier(
            new JwtVerifier({ jwksUrl, issuer, audience: url }),
            new Set([BACKEND_SERVICE_ACCOUNT, GALLERY_SERVICE_ACCOUNT, UPLOAD_PIPELINE_SERVICE_ACCOUNT]),
          ),
          readiness: { store: adapters.ping },
          isDraining,
          uploads: uploadsSetup.imageServer(publicUrl(url)),
          appOrigins,
        };
        issueLinks = imageServerLinkIssuer(imageServerDeps);
        return createImageServerApp(imageServerDeps);
      },
    },
    { port: config.IMAGE_SERVER_PORT, host: config.HOST, logger, name: 'image server' },
  );
  servers.push(imageServer);
  const uploads = uploadsSetup.connect(imageServer.url, idp);

  const hub = new UpdateHub();
  const backendLogger = logger.child({ service: 'backend-api' });
  const backend = await startServer(
    createBackendApp({
      config: {
        projectId: null,
        selfRegistration: config.SELF_REGISTRATION,
        streamRecheckMs: options.streamRecheckMs ?? 15_000,
        streamHeartbeatMs: 25_000,
      },
      logger: backendLogger,
      clock,
      participants: adapters.participants,
      images: adapters.images,
      palettes: adapters.palettes,
      updates: adapters.updates,
      deadLetters: adapters.deadLetters,
      publisher: adapters.publisher,
      imageServer: new InProcessLinksImageServerClient(
        new HttpImageServerClient(
          imageServer.url,
          imageServer.url,
          new DevIdpServiceTokenSource(idp, BACKEND_SERVICE_ACCOUNT),
        ),
        issueLinks!,
      ),
      userTokens: new JwtVerifier({ jwksUrl, issuer, audience: config.AUTH_AUDIENCE }),
      qr: new QrCodec(await persistentSecret(dataDir, 'qr-secret'), config.QR_TTL_SECONDS),
      hub,
      operators: new DevOperatorDirectory(),
      notifications: notifications.backend,
      uploads: uploads.backend,
      readiness: { store: adapters.ping },
      isDraining,
      limits: { limiter: adapters.limiter, rules: toRateLimits(config) },
      audit: adapters.audit,
      automation: adapters.automation,
      appOrigins,
    }),
    { port: config.BACKEND_PORT, host: config.HOST, logger, name: 'backend API' },
  );
  servers.push(backend);

  const gallery = await startGallery({
    config,
    dataDir,
    logger,
    clock,
    adapters,
    idp,
    imageServerUrl: imageServer.url,
    isDraining,
    appOrigins,
  });
  servers.push(gallery.server);

  // The handlers Cloud Run's push endpoints call, delivered in-process by the embedded bus.
  const pipeline = {
    images: adapters.images,
    palettes: adapters.palettes,
    blobs: adapters.blobs,
    imaging: adapters.imaging,
    publisher: adapters.publisher,
    clock,
  };
  const tmpDir = join(dataDir, 'tmp');
  const attempts = (name: string) => subscriptionSpec(name).maxDeliveryAttempts;
  const handlers: Record<string, MessageHandler> = {
    ...backendHandlers({
      updates: adapters.updates,
      hub,
      deadLetters: adapters.deadLetters,
      clock,
      uploads: uploads.backend,
    }),
    ...imageServerHandlers({ images: adapters.images, publisher: adapters.publisher, clock }),
    'clustering-worker.image-uploaded': clusterImageHandler({
      ...pipeline,
      config: {
        k: config.PALETTE_SIZE,
        sampleSide: 256,
        maxInputPixels: config.MAX_INPUT_PIXELS,
        tmpDir,
        maxDeliveryAttempts: attempts('clustering-worker.image-uploaded'),
      },
    }),
    'generation-worker.generation-requested': generateArtworkHandler({
      ...pipeline,
      config: {
        width: config.ARTWORK_WIDTH,
        height: config.ARTWORK_HEIGHT,
        tmpDir,
        maxDeliveryAttempts: attempts('generation-worker.generation-requested'),
      },
    }),
    'processing-worker.processing-requested': recolourLookHandler({
      ...pipeline,
      config: { maxInputPixels: config.MAX_INPUT_PIXELS, tmpDir },
    }),
    'generation-worker.image-clustered': autoGenerateHandler({
      ...pipeline,
      automation: adapters.automation,
    }),
    'processing-worker.image-clustered': autoLooksHandler({ ...pipeline, automation: adapters.automation }),
    ...notifications.handlers,
    ...gallery.handlers,
    ...uploads.handlers,
  };
  // Pixel work is bounded per worker as a Cloud Run instance's concurrency would bound it.
  const concurrency: Record<string, number> = {
    'clustering-worker.image-uploaded': 2,
    'generation-worker.generation-requested': 1,
    'processing-worker.processing-requested': 2,
    ...uploads.concurrency,
  };
  const pushActivity = { inFlight: 0, lastAt: Date.now() };
  if (embedded) {
    for (const [name, handler] of Object.entries(handlers))
      embedded.bus.subscribe(name, handler, concurrency[name] ?? 4);
  } else {
    servers.push(
      ...(await (
        await import('./push-endpoints')
      ).startPushEndpoints(options.cloud!, handlers, {
        host: config.HOST,
        logger,
        isDraining,
        activity: pushActivity,
      })),
    );
  }

  notifications.start({ relay: options.outboxRelay ?? true });
  uploads.start();
  const reconciler = startReconciler({
    images: adapters.images,
    blobs: adapters.blobs,
    clock,
    logger,
    bucketRoot: embedded?.bucketRoot ?? null,
    settings: config,
    gallery: embedded ? gallery.reconcile : null,
  });

  const sweep = setInterval(() => {
    adapters.tokens
      .deleteExpired(new Date(clock.now().getTime() - 3600_000))
      .catch((err: unknown) => logger.warn({ err }, 'token sweep failed'));
  }, 600_000);
  sweep.unref();

  return {
    adapters,
    /** The embedded bus (null in cloud mode, where Pub/Sub delivers). */
    bus: embedded?.bus ?? null,
    /** Cloud mode: push deliveries in flight and the time of the last one, so tests can wait for quiet. */
    pushActivity,
    idp,
    hub,
    notifications,
    gallery,
    uploads,
    urls: {
      backend: publicUrl(backend.url),
      imageServer: publicUrl(imageServer.url),
      identity: publicUrl(idpServer.url),
      gallery: publicUrl(gallery.server.url),
    },
    audience: config.AUTH_AUDIENCE,
    /** What start-up recovery found of the previous run. */
    recovery,
    reconciler,
    /**
     * Drains, edge first: the public servers stop taking requests and finish those in flight, the bus deliveries in
     * flight finish, and only then do the internal servers those calls need (image server, identity) close, then the
     * store. Scratch files of requests cut at the grace period go last.
     */
    async stop(): Promise<void> {
      draining = true;
      clearInterval(sweep);
      gallery.stop();
      hub.drain();
      const internal = new Set([imageServer, idpServer]);
      await Promise.all(servers.filter((s) => !internal.has(s)).map((s) => s.close()));
      await Promise.all([notifications.stop(), uploads.stop(), reconciler.stop(), embedded?.bus.close()]);
      await Promise.all([...internal].map((s) => s.close()));
      await adapters.close();
      idp.close();
      await clearDirectory(join(dataDir, 'tmp')).catch((err: unknown) =>
        logger.warn({ err }, 'scratch files left for the next start'),
      );
      lock.release();
    },
  };
}

export type RunningSystem = Awaited<ReturnType<typeof startSystem>>;

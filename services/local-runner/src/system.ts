import { join, resolve } from 'node:path';
import { ensureTopology } from '@photo/shared/adapters/gcp/pubsub-topology';
import { lockDataDir } from '@photo/shared/adapters/sqlite/data-dir-lock.sqlite';
import { loadOrCreateVapidKeys } from '@photo/shared/adapters/fs/vapid-keys.fs';
import { decodableImageTypes } from '@photo/shared/adapters/sharp/decodable-types.sharp';
import type { CloudAdapters } from '@photo/shared/composition/cloud';
import { openEmbeddedAdapters, type EmbeddedOptions } from '@photo/shared/composition/embedded';
import type { ComposedService } from '@photo/shared/composition/service-host';
import { SUBSCRIPTIONS } from '@photo/shared/events/topology';
import type { Logger } from '@photo/shared/http/logger';
import { startServer, type RunningServer } from '@photo/shared/http/server';
import type { Clock } from '@photo/shared/ports/common';
import { composeBackend } from '@photo/backend-api/compose';
import { composeClusteringWorker } from '@photo/clustering-worker/compose';
import { composeGenerationWorker } from '@photo/generation-worker/compose';
import { composeImageServer } from '@photo/image-server/compose';
import { DEFAULT_SPOOL, toImageServerConfig } from '@photo/image-server/config';
import { composeNotificationWorker } from '@photo/notification-worker/compose';
import { composeProcessingWorker } from '@photo/processing-worker/compose';
import { composeUploadPipeline } from '@photo/upload-pipeline/compose';
import type { UploadPipelineDeps } from '@photo/upload-pipeline/deps';
import type { LocalRunnerConfig } from './config';
import { startGallery } from './gallery';
import { EMBEDDED_IMAGES_BUCKET } from './gallery-config';
import { inProcessLinks } from './image-server-client.in-process';
import { persistentSecret } from './persistent-secret';
import { trackPushes, type PushActivity } from './push-endpoints';
import { clearDirectory, recoverDataDir } from './recovery/startup-recovery';
import { startReconciler } from './recovery/reconciler';
import { ACCOUNTS, startIdentity } from './identity';
import { runnerHosts } from './runner-host';

export const BACKEND_SERVICE_ACCOUNT: string = ACCOUNTS['backend-api'];

export interface SystemOptions {
  config: LocalRunnerConfig;
  logger: Logger;
  clock: Clock;
  bus?: EmbeddedOptions['bus'];
  /** Backend stream timings, shortened by tests. */
  streamRecheckMs?: number;
  /**
   * Cloud mode (tests and local runs against the emulators): these adapters instead of the embedded ones, and
   * deliveries by Pub/Sub push to each service's own app on localhost instead of the in-process bus.
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
 * The whole system on one machine: the dev identity provider and every service, each composed by the same function
 * its container runs, over one store set, the APIs each on its own port as they would be on Cloud Run.
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
  const adapters = options.cloud ?? embedded!;
  const servers: RunningServer[] = [];
  let draining = false;
  const publicUrl = (url: string) =>
    config.PUBLIC_HOST ? url.replace(/\/\/[^:/]+/, `//${config.PUBLIC_HOST}`) : url;
  const appOrigins = config.APP_ORIGINS ?? options.appOrigins ?? [];
  const pushActivity: PushActivity = { inFlight: 0, lastAt: Date.now() };
  const serve = (app: Parameters<typeof startServer>[0], port: number, name: string) =>
    startServer(options.cloud && 'listen' in app ? trackPushes(app, pushActivity) : app, {
      port,
      host: config.HOST,
      logger,
      name,
    }).then((server) => (servers.push(server), server));

  const identity = await startIdentity({ config, dataDir, logger, publicUrl });
  servers.push(identity.server);
  const { idp, issuer, jwksUrl } = identity;
  const hostFor = runnerHosts({
    adapters,
    logger,
    clock,
    idp,
    dataDir,
    cloud: !!options.cloud,
    isDraining: () => draining,
  });
  const vapid = await loadOrCreateVapidKeys(join(dataDir, 'notifications', 'vapid.json'));
  const channels = { ...config, VAPID_PUBLIC_KEY: vapid.publicKey, VAPID_PRIVATE_KEY: vapid.privateKey };
  const notifications = composeNotificationWorker(channels, hostFor('notification-worker'), {
    dataDir,
    dispatchIntervalMs: config.DISPATCH_INTERVAL_MS,
    allowLoopbackPush: config.PUSH_ALLOW_LOOPBACK_HTTP,
  });

  const policyKey = await persistentSecret(dataDir, 'upload-policy-key');
  let imageServer!: ReturnType<typeof composeImageServer>;
  const imageServerUrl = (
    await serve(
      {
        build: (url: string) => {
          const imageServerConfig = toImageServerConfig({
            ...config,
            PORT: 0,
            PUBLIC_BASE_URL: publicUrl(url),
            GOOGLE_CLOUD_PROJECT: undefined,
            TMP_DIR: join(dataDir, 'tmp'),
            SPOOL_SLOTS: DEFAULT_SPOOL.slots,
            SPOOL_QUEUE: DEFAULT_SPOOL.queue,
            SPOOL_WAIT_SECONDS: DEFAULT_SPOOL.waitMs / 1000,
            SERVICE_TOKEN_ISSUER: issuer,
            SERVICE_TOKEN_JWKS_URL: jwksUrl,
            SERVICE_TOKEN_AUDIENCE: url,
            ALLOWED_CALLERS: Object.values(ACCOUNTS),
            // The runner reconciles on its own timer (startReconciler), not by Cloud Scheduler's task.
            SCHEDULER_SERVICE_ACCOUNT: undefined,
            APP_ORIGINS: [...appOrigins],
          });
          imageServer = composeImageServer(
            imageServerConfig,
            hostFor('image-server'),
            options.cloud ? null : { policyKey, bucket: EMBEDDED_IMAGES_BUCKET },
          );
          return options.cloud ? trackPushes(imageServer.app, pushActivity) : imageServer.app;
        },
      },
      config.IMAGE_SERVER_PORT,
      'image server',
    )
  ).url;
  const imageServerEnv = { IMAGE_SERVER_URL: imageServerUrl, IMAGE_SERVER_AUDIENCE: imageServerUrl };

  const uploads = composeUploadPipeline({ ...config, ...imageServerEnv }, hostFor('upload-pipeline'), {
    // Cloud mode: Cloud Storage announces uploads; embedded, the image server's upload endpoint did.
    reannounceBucket: options.cloud ? null : EMBEDDED_IMAGES_BUCKET,
    sweepIntervalMs: config.UPLOAD_SWEEP_INTERVAL_MS,
    ...(options.wrapUploadPipeline ? { wrap: options.wrapUploadPipeline } : {}),
  });

  const backend = await composeBackend(
    {
      ...config,
      ...imageServerEnv,
      PORT: config.BACKEND_PORT,
      GOOGLE_CLOUD_PROJECT: undefined,
      AUTH_ISSUER: issuer,
      AUTH_JWKS_URL: jwksUrl,
      QR_SECRET: await persistentSecret(dataDir, 'qr-secret'),
      QR_SECRET_PREVIOUS: undefined,
      STREAM_RECHECK_MS: options.streamRecheckMs ?? 15_000,
      STREAM_HEARTBEAT_MS: 25_000,
      AUTH0_DOMAIN: undefined,
      VAPID_PUBLIC_KEY: vapid.publicKey,
      APP_ORIGINS: [...appOrigins],
    },
    hostFor('backend-api'),
    {
      imageServer: (http) => inProcessLinks(http, imageServer.issueLinks),
      decodableTypes: decodableImageTypes(),
      allowLoopbackPush: config.PUSH_ALLOW_LOOPBACK_HTTP,
    },
  );
  const backendServer = await serve(backend.app, config.BACKEND_PORT, 'backend API');

  const gallery = await startGallery({
    config,
    dataDir,
    adapters,
    host: hostFor('gallery-api'),
    imageServerUrl,
    appOrigins,
  });
  const galleryServer = await serve(gallery.app, config.GALLERY_PORT, 'face gallery');

  const workers: Record<string, ComposedService> = {
    'clustering-worker': composeClusteringWorker(config, hostFor('clustering-worker')),
    'generation-worker': composeGenerationWorker(config, hostFor('generation-worker')),
    'processing-worker': composeProcessingWorker(config, hostFor('processing-worker')),
    'notification-worker': notifications,
    'upload-pipeline': uploads,
  };
  const services: ComposedService[] = [imageServer, backend, gallery, ...Object.values(workers)];
  if (embedded) {
    for (const service of services)
      for (const [name, handler] of Object.entries(service.handlers))
        embedded.bus.subscribe(name, handler, service.concurrency[name] ?? 4);
  } else {
    // Each worker's own app, as its container serves it; the APIs already listen.
    const urls: Record<string, string> = {
      'backend-api': backendServer.url,
      'image-server': imageServerUrl,
      'gallery-api': galleryServer.url,
    };
    for (const [name, worker] of Object.entries(workers))
      urls[name] = (await serve(worker.app, 0, `${name} push endpoint`)).url;
    // The Pub/Sub topology pointed at each service's own app. The emulator sends no OIDC token: push authentication
    // is off here, explicitly.
    await ensureTopology(
      options.cloud!.pubsub,
      SUBSCRIPTIONS.filter((s) => urls[s.service]),
      urls,
      { pushAuth: null },
    );
  }

  for (const service of services) if (service !== backend || options.outboxRelay !== false) service.start();
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
    hub: backend.hub,
    notifications: { dispatchNow: notifications.dispatchNow, vapidPublicKey: vapid.publicKey },
    gallery,
    uploads,
    urls: {
      backend: publicUrl(backendServer.url),
      imageServer: publicUrl(imageServerUrl),
      identity: publicUrl(identity.server.url),
      gallery: publicUrl(galleryServer.url),
    },
    audience: config.AUTH_AUDIENCE,
    /** What start-up recovery found of the previous run. */
    recovery,
    reconciler,
    /**
     * Drains, edge first: open streams end, the public servers stop taking requests and finish those in flight, each
     * service's timers (outbox relay, sweepers) stop and the bus deliveries in flight finish, and only then do the
     * internal servers those calls need (image server, identity) close, then the store. Scratch files of requests cut
     * at the grace period go last.
     */
    async stop(): Promise<void> {
      draining = true;
      clearInterval(sweep);
      for (const service of services) service.drain();
      const internal = new Set([imageServerUrl, identity.server.url]);
      await Promise.all(servers.filter((s) => !internal.has(s.url)).map((s) => s.close()));
      await Promise.all([...services.map((s) => s.stop()), reconciler.stop(), embedded?.bus.close()]);
      await Promise.all(servers.filter((s) => internal.has(s.url)).map((s) => s.close()));
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

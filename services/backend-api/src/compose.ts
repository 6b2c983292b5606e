import { HttpImageServerClient } from '@photo/shared/adapters/http/image-server-client.http';
import { HttpUploadTargetSigner } from '@photo/shared/adapters/http/upload-target-signer.http';
import { DevOperatorDirectory } from '@photo/shared/adapters/dev/operator-directory.dev';
import { JwtVerifier } from '@photo/shared/auth/jwt-verifier';
import { OutboxRelay } from '@photo/shared/bus/outbox-relay';
import type { ComposedService, ServiceHost } from '@photo/shared/composition/service-host';
import type { ImageServerClient } from '@photo/shared/ports/image-server-client.port';
import type { OperatorDirectory } from '@photo/shared/ports/operator-directory.port';
import { QrCodec } from '@photo/shared/security/qr-codec';
import { backendHandlers, createBackendApp } from './app';
import { toBackendConfig, type BackendEnv } from './config';
import { UpdateHub } from './live/update-hub';
import { toRateLimits, type RateLimitEnv } from './rate-limits';
import { toUploadRules, type UploadRulesEnv } from './uploads/upload-config';
import { relayedUploads, uploadRelaySlots } from './uploads/upload-relay';

export type BackendSettings = BackendEnv & UploadRulesEnv & RateLimitEnv;

/** The local runner: the dev operator list, link issuing without an HTTP hop, and what its image library decodes. */
export interface LocalBackendOptions {
  imageServer: (http: ImageServerClient) => ImageServerClient;
  decodableTypes: readonly string[];
  /** Push endpoints on http://127.0.0.1 (tests only). */
  allowLoopbackPush: boolean;
}

/**
 * The backend API: participants, images, palettes, likes and uploads, its live streams, and the outbox relay that
 * publishes what likes commit.
 */
export async function composeBackend(
  e: BackendSettings,
  host: ServiceHost,
  local: LocalBackendOptions | null = null,
): Promise<ComposedService & { hub: UpdateHub }> {
  const config = toBackendConfig(e);
  const { store, clock, logger } = host;
  const hub = new UpdateHub();
  // Publishes likes' outbox rows after each commit. Cloud Run gives CPU only during requests, so a round the response
  // outran may wait: the notification worker's scheduled dispatch task runs a relay round every minute as well.
  const relay = new OutboxRelay(
    {
      outbox: store.outbox,
      publisher: store.publisher,
      clock,
      logger: logger.child({ component: 'outbox-relay' }),
    },
    { intervalMs: config.notifications.outboxRelayIntervalMs },
  );
  const imageServer = relayedUploads(
    new HttpImageServerClient(config.imageServer.url, config.imageServer.audience, host.tokens),
    uploadRelaySlots(e),
  );
  const operators: OperatorDirectory | null = config.auth0Management
    ? await import('@photo/shared/adapters/auth0/operator-directory.auth0').then(
        async ({ Auth0OperatorDirectory }) =>
          new Auth0OperatorDirectory(new (await import('auth0')).ManagementClient(config.auth0Management!)),
      )
    : local && new DevOperatorDirectory();
  const uploads = {
    uploads: store.uploads,
    // The image server signs: it holds the bucket and the signing identity (infra/cloud-run.tf).
    signer: new HttpUploadTargetSigner(config.imageServer.url, config.imageServer.audience, host.tokens),
    // On Cloud Run the upload pipeline, which decodes, checks its types at start: this service holds no image library.
    rules: toUploadRules(e, local?.decodableTypes ?? e.UPLOAD_ALLOWED_TYPES),
  };
  const app = createBackendApp({
    ...store,
    config,
    logger,
    clock,
    imageServer: local ? local.imageServer(imageServer) : imageServer,
    userTokens: new JwtVerifier(config.auth),
    qr: new QrCodec(config.qr.secret, config.qr.ttlSeconds, config.qr.previousSecrets),
    hub,
    operators,
    readiness: host.readiness,
    isDraining: host.isDraining,
    limits: { limiter: store.limiter, rules: toRateLimits(e) },
    appOrigins: config.appOrigins,
    ...(host.push ? { push: host.push } : {}),
    notifications: {
      likes: store.likes,
      notifications: store.notifications,
      settings: store.notificationSettings,
      wakeRelay: () => relay.flush(),
      deepLinkBase: config.notifications.deepLinkBase,
      vapidPublicKey: config.notifications.vapidPublicKey,
      allowLoopbackPushEndpoints: local?.allowLoopbackPush ?? false,
    },
    uploads,
  });
  return {
    app,
    handlers: backendHandlers({ ...store, hub, clock, uploads }),
    concurrency: {},
    hub,
    start: () => relay.start(),
    drain: () => hub.drain(),
    stop: () => relay.stop(),
  };
}

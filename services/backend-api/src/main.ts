import { HttpImageServerClient } from '@photo/shared/adapters/http/image-server-client.http';
import { ManagementClient } from 'auth0';
import { Auth0OperatorDirectory } from '@photo/shared/adapters/auth0/operator-directory.auth0';
import { GoogleIdTokenSource } from '@photo/shared/adapters/gcp/service-tokens.google';
import { JwtVerifier } from '@photo/shared/auth/jwt-verifier';
import { cloudEnvSchema, requirePushAuth } from '@photo/shared/config/cloud-env';
import { parseConfig } from '@photo/shared/config/parse-config';
import {
  cloudAdaptersFrom,
  drainFlag,
  pushAuthFrom,
  serveUntilSignal,
} from '@photo/shared/composition/cloud-service';
import { createLogger } from '@photo/shared/http/logger';
import { systemClock } from '@photo/shared/ports/common';
import { QrCodec } from '@photo/shared/security/qr-codec';
import { decodableImageTypes } from '@photo/shared/adapters/sharp/decodable-types.sharp';
import { HttpUploadTargetSigner } from '@photo/shared/adapters/http/upload-target-signer.http';
import { createBackendApp } from './app';
import { uploadRulesEnv, toUploadRules } from './uploads/upload-config';
import { backendConfigSchema, toBackendConfig } from './config';
import { rateLimitEnv, toRateLimits } from './rate-limits';
import { UpdateHub } from './live/update-hub';
import { OutboxRelay } from '@photo/shared/bus/outbox-relay';

/** The backend API on Cloud Run: Firestore, Pub/Sub, Auth0, and the image server called with Google ID tokens. */
const e = parseConfig(
  requirePushAuth(
    backendConfigSchema.extend({ ...cloudEnvSchema.shape, ...uploadRulesEnv.shape, ...rateLimitEnv.shape }),
  ),
  process.env,
);
const config = toBackendConfig(e);
const logger = createLogger({ service: 'backend-api', level: config.logLevel });
const adapters = cloudAdaptersFrom(e);
const draining = drainFlag();
const hub = new UpdateHub();
// Publishes likes' outbox rows after each commit. Cloud Run gives CPU only during requests, so a round the response
// outran may wait: the notification worker's scheduled dispatch task runs a relay round every minute as well.
const relay = new OutboxRelay(
  {
    outbox: adapters.outbox,
    publisher: adapters.publisher,
    clock: systemClock,
    logger: logger.child({ component: 'outbox-relay' }),
  },
  { intervalMs: config.notifications.outboxRelayIntervalMs },
);
relay.start();

const app = createBackendApp({
  config,
  logger,
  clock: systemClock,
  participants: adapters.participants,
  images: adapters.images,
  palettes: adapters.palettes,
  updates: adapters.updates,
  deadLetters: adapters.deadLetters,
  publisher: adapters.publisher,
  imageServer: new HttpImageServerClient(
    config.imageServer.url,
    config.imageServer.audience,
    new GoogleIdTokenSource(),
  ),
  userTokens: new JwtVerifier(config.auth),
  qr: new QrCodec(config.qr.secret, config.qr.ttlSeconds, config.qr.previousSecrets),
  hub,
  operators: config.auth0Management
    ? new Auth0OperatorDirectory(new ManagementClient(config.auth0Management))
    : null,
  readiness: { firestore: adapters.ping },
  isDraining: draining.isDraining,
  limits: { limiter: adapters.limiter, rules: toRateLimits(e) },
  audit: adapters.audit,
  automation: adapters.automation,
  appOrigins: config.appOrigins,
  push: { pushAuth: pushAuthFrom(e) },
  notifications: {
    likes: adapters.likes,
    notifications: adapters.notifications,
    settings: adapters.notificationSettings,
    wakeRelay: () => relay.flush(),
    deepLinkBase: config.notifications.deepLinkBase,
    vapidPublicKey: config.notifications.vapidPublicKey,
    allowLoopbackPushEndpoints: false,
  },
  uploads: {
    uploads: adapters.uploads,
    // The image server signs: it holds the bucket and the signing identity (infra/cloud-run.tf).
    signer: new HttpUploadTargetSigner(
      config.imageServer.url,
      config.imageServer.audience,
      new GoogleIdTokenSource(),
    ),
    rules: toUploadRules(e, decodableImageTypes()),
  },
});

await serveUntilSignal({
  name: 'backend API',
  port: config.port,
  host: config.host,
  logger,
  app,
  graceMs: e.SHUTDOWN_GRACE_MS,
  draining,
  beforeClose: () => {
    hub.drain();
    void relay.stop();
  },
  adapters,
});

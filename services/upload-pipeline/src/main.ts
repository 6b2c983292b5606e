import { z } from 'zod';
import { GoogleIdTokenSource } from '@photo/shared/adapters/gcp/service-tokens.google';
import { HttpImageServerClient } from '@photo/shared/adapters/http/image-server-client.http';
import { HttpWebhookSender } from '@photo/shared/adapters/http/webhook-sender.http';
import { JwtVerifier } from '@photo/shared/auth/jwt-verifier';
import { ServiceCallerVerifier } from '@photo/shared/auth/service-verifier';
import { cloudEnvSchema, requirePushAuth } from '@photo/shared/config/cloud-env';
import { env, parseConfig } from '@photo/shared/config/parse-config';
import {
  cloudAdaptersFrom,
  drainFlag,
  pushAuthFrom,
  serveUntilSignal,
} from '@photo/shared/composition/cloud-service';
import { subscriptionSpec } from '@photo/shared/events/topology';
import { createLogger } from '@photo/shared/http/logger';
import { systemClock } from '@photo/shared/ports/common';
import { createUploadPipelineApp, SUBSCRIPTIONS } from './app';
import { renditionSpecs, uploadPipelineEnv } from './config';

/**
 * The upload pipeline on Cloud Run: Pub/Sub pushes the bucket's OBJECT_FINALIZE notifications of uploads/, backfill
 * requests and webhook deliveries here; Cloud Scheduler calls POST /tasks/sweep (the scheduler job is created with
 * gcloud, see docs/operations.md). It calls the image server's internal routes with Google ID tokens.
 */
const e = parseConfig(
  requirePushAuth(
    cloudEnvSchema.extend({
      ...uploadPipelineEnv.shape,
      PORT: env.int(8080, { min: 0, max: 65535 }),
      MAX_INPUT_PIXELS: env.int(40_000_000, { min: 1 }),
      UPLOAD_ALLOWED_TYPES: env.list(['image/jpeg', 'image/png', 'image/webp', 'image/avif']),
      IMAGE_SERVER_URL: z.url(),
      IMAGE_SERVER_AUDIENCE: z.string().min(1),
      /** The account Cloud Scheduler signs its OIDC tokens as, when it calls /tasks/sweep. */
      SCHEDULER_SERVICE_ACCOUNT: z.string().optional(),
      LOG_LEVEL: z.enum(['trace', 'debug', 'info', 'warn', 'error', 'fatal', 'silent']).default('info'),
    }),
  ),
  process.env,
);
const logger = createLogger({ service: 'upload-pipeline', level: e.LOG_LEVEL });
const adapters = cloudAdaptersFrom(e);
const draining = drainFlag();

const app = createUploadPipelineApp(
  {
    uploads: adapters.uploads,
    images: adapters.images,
    blobs: adapters.blobs,
    inspector: adapters.inspector,
    imaging: adapters.uploadImaging,
    imageServer: new HttpImageServerClient(
      e.IMAGE_SERVER_URL,
      e.IMAGE_SERVER_AUDIENCE,
      new GoogleIdTokenSource(),
    ),
    publisher: adapters.publisher,
    webhooks: new HttpWebhookSender(e.UPLOAD_CALLBACK_TIMEOUT_MS),
    clock: systemClock,
    logger,
    config: {
      renditions: renditionSpecs(e.UPLOAD_SIZES, e.UPLOAD_FORMATS),
      maxInputPixels: e.MAX_INPUT_PIXELS,
      allowedTypes: e.UPLOAD_ALLOWED_TYPES,
      tmpDir: e.TMP_DIR,
      maxDeliveryAttempts: subscriptionSpec(SUBSCRIPTIONS.uploads).maxDeliveryAttempts,
      callbackAttempts: subscriptionSpec(SUBSCRIPTIONS.callbacks).maxDeliveryAttempts,
      sweepGraceSeconds: e.UPLOAD_SWEEP_GRACE_SECONDS,
      stepLeaseSeconds: e.UPLOAD_STEP_LEASE_SECONDS,
    },
    schedulerAuth:
      e.PUSH_AUTH === 'disabled'
        ? null
        : new ServiceCallerVerifier(
            new JwtVerifier({
              issuer: e.GOOGLE_ISSUER,
              jwksUrl: e.GOOGLE_JWKS_URL,
              audience: e.PUSH_AUDIENCE!,
            }),
            new Set(e.SCHEDULER_SERVICE_ACCOUNT ? [e.SCHEDULER_SERVICE_ACCOUNT] : []),
          ),
  },
  {
    logger,
    projectId: e.GOOGLE_CLOUD_PROJECT,
    pushAuth: pushAuthFrom(e),
    readiness: { firestore: adapters.ping },
    isDraining: draining.isDraining,
  },
);

await serveUntilSignal({
  name: 'upload pipeline',
  port: e.PORT,
  host: '0.0.0.0',
  logger,
  app,
  graceMs: e.SHUTDOWN_GRACE_MS,
  draining,
  adapters,
});

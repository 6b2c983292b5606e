import { JwtVerifier } from '@photo/shared/auth/jwt-verifier';
import { ServiceCallerVerifier } from '@photo/shared/auth/service-verifier';
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
import { createImageServerApp } from './app';
import { imageServerConfigSchema, toImageServerConfig } from './config';

/** The image server on Cloud Run: one-time links over Cloud Storage, called by the backend with Google ID tokens. */
const e = parseConfig(requirePushAuth(imageServerConfigSchema.extend(cloudEnvSchema.shape)), process.env);
const config = toImageServerConfig(e);
const logger = createLogger({ service: 'image-server', level: config.logLevel });
const adapters = cloudAdaptersFrom(e);
const draining = drainFlag();
const { serviceToken } = config;
const googleToken = (audience: string) =>
  new JwtVerifier({ issuer: serviceToken.issuer, jwksUrl: serviceToken.jwksUrl, audience });

const app = createImageServerApp({
  config,
  logger,
  clock: systemClock,
  images: adapters.images,
  palettes: adapters.palettes,
  tokens: adapters.tokens,
  blobs: adapters.blobs,
  inspector: adapters.inspector,
  sanitizer: adapters.sanitizer,
  publisher: adapters.publisher,
  callers: new ServiceCallerVerifier(
    googleToken(serviceToken.audience),
    new Set(serviceToken.allowedCallers),
  ),
  readiness: { firestore: adapters.ping },
  isDraining: draining.isDraining,
  appOrigins: config.appOrigins,
  push: { pushAuth: pushAuthFrom(e) },
  // Upload targets are V4 signed URLs straight to the bucket; Cloud Storage receives and announces the uploads.
  uploads: { signer: adapters.uploadTargets, receiver: null },
  ...(config.reconcile
    ? {
        reconcileTask: {
          schedulerAuth: new ServiceCallerVerifier(
            googleToken(serviceToken.audience),
            new Set([config.reconcile.schedulerAccount]),
          ),
          safetyWindowSeconds: config.reconcile.safetyWindowSeconds,
          removeOrphans: config.reconcile.removeOrphans,
        },
      }
    : {}),
});

await serveUntilSignal({
  name: 'image server',
  port: config.port,
  host: config.host,
  logger,
  app,
  graceMs: e.SHUTDOWN_GRACE_MS,
  draining,
  adapters,
});

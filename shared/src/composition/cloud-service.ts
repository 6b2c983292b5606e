import type { Express } from 'express';
import { JwtVerifier } from '../auth/jwt-verifier';
import { ServiceCallerVerifier } from '../auth/service-verifier';
import type { CloudEnv } from '../config/cloud-env';
import { createLogger, type Logger } from '../http/logger';
import { guardProcess } from '../http/process-guards';
import { onShutdownSignal, startServer } from '../http/server';
import { openCloudAdapters, type CloudAdapters } from './cloud';

/** The cloud adapters a service's main.ts needs, from its parsed settings. */
export function cloudAdaptersFrom(e: CloudEnv): CloudAdapters {
  return openCloudAdapters({
    projectId: e.GOOGLE_CLOUD_PROJECT,
    bucket: e.IMAGES_BUCKET,
    firestoreDatabase: e.FIRESTORE_DATABASE,
    firestoreEmulatorHost: e.FIRESTORE_EMULATOR_HOST,
    pubsubEmulatorHost: e.PUBSUB_EMULATOR_HOST,
    storageApiEndpoint: e.STORAGE_API_ENDPOINT,
  });
}

/** Who may push: Google-signed OIDC tokens of the push service account; null only when explicitly disabled. */
export function pushAuthFrom(e: CloudEnv): ServiceCallerVerifier | null {
  if (e.PUSH_AUTH === 'disabled') return null;
  return new ServiceCallerVerifier(
    new JwtVerifier({ issuer: e.GOOGLE_ISSUER, jwksUrl: e.GOOGLE_JWKS_URL, audience: e.PUSH_AUDIENCE! }),
    new Set([e.PUSH_SERVICE_ACCOUNT!]),
  );
}

/**
 * Listens on Cloud Run's port and drains on SIGTERM: readiness turns false, open streams end, in-flight requests
 * (and so push deliveries) finish within the grace period, then the adapters close. Cloud Run kills 10 s after.
 */
export async function serveUntilSignal(options: {
  name: string;
  port: number;
  host: string;
  logger: Logger;
  app: Express;
  graceMs: number;
  draining: { set(): void };
  beforeClose?: () => void;
  adapters: { close(): Promise<void> };
}): Promise<void> {
  // An error escaping one request is logged and the service keeps serving (docs/operations.md).
  guardProcess(options.logger);
  const server = await startServer(options.app, {
    port: options.port,
    host: options.host,
    logger: options.logger,
    name: options.name,
  });
  onShutdownSignal(options.logger, async () => {
    options.draining.set();
    options.beforeClose?.();
    await server.close(options.graceMs);
    await options.adapters.close();
  });
}

/** A flag the readiness endpoint reads. */
export function drainFlag() {
  let draining = false;
  return { set: () => void (draining = true), isDraining: () => draining };
}

/** What every worker's main.ts parses beyond the shared cloud settings. */
export interface WorkerEnv extends CloudEnv {
  PORT: number;
  LOG_LEVEL: string;
}

export interface WorkerContext {
  adapters: CloudAdapters;
  logger: Logger;
  /** The worker app's options: its logger, push authentication, readiness and drain flag. */
  options: {
    logger: Logger;
    projectId: string;
    pushAuth: ServiceCallerVerifier | null;
    readiness: Record<string, () => Promise<void>>;
    isDraining: () => boolean;
  };
}

/** A worker's whole life on Cloud Run: adapters, its push app, listening, and draining on SIGTERM. */
export async function serveWorker(
  service: string,
  e: WorkerEnv,
  build: (ctx: WorkerContext) => Express,
): Promise<void> {
  const logger = createLogger({ service, level: e.LOG_LEVEL });
  const adapters = cloudAdaptersFrom(e);
  const draining = drainFlag();
  const app = build({
    adapters,
    logger,
    options: {
      logger,
      projectId: e.GOOGLE_CLOUD_PROJECT,
      pushAuth: pushAuthFrom(e),
      readiness: { firestore: adapters.ping },
      isDraining: draining.isDraining,
    },
  });
  await serveUntilSignal({
    name: service,
    port: e.PORT,
    host: '0.0.0.0',
    logger,
    app,
    graceMs: e.SHUTDOWN_GRACE_MS,
    draining,
    adapters,
  });
}

import { JwtVerifier } from '../auth/jwt-verifier';
import { ServiceCallerVerifier } from '../auth/service-verifier';
import { GoogleIdTokenSource } from '../adapters/gcp/service-tokens.google';
import type { CloudEnv } from '../config/cloud-env';
import { createLogger } from '../http/logger';
import { guardProcess } from '../http/process-guards';
import { onShutdownSignal, startServer } from '../http/server';
import { systemClock } from '../ports/common';
import { openCloudAdapters, type CloudAdapters } from './cloud';
import type { ComposedService, ServiceHost } from './service-host';

/** Google-signed OIDC tokens of `accounts` for this service's audience; null only when explicitly disabled. */
function googleCallers(e: CloudEnv, accounts: (string | undefined)[]): ServiceCallerVerifier | null {
  if (e.PUSH_AUTH === 'disabled') return null;
  return new ServiceCallerVerifier(
    new JwtVerifier({ issuer: e.GOOGLE_ISSUER, jwksUrl: e.GOOGLE_JWKS_URL, audience: e.PUSH_AUDIENCE! }),
    new Set(accounts.filter((a): a is string => !!a)),
  );
}

/**
 * A service on Cloud Run: its logger, the cloud store set, Pub/Sub's and Cloud Scheduler's tokens checked, Google ID
 * tokens for its calls to other services, and a drain flag its readiness reads.
 */
export function cloudHost(
  service: string,
  e: CloudEnv & { LOG_LEVEL: string; SCHEDULER_SERVICE_ACCOUNT?: string | undefined },
) {
  let draining = false;
  const store = openCloudAdapters({
    projectId: e.GOOGLE_CLOUD_PROJECT,
    bucket: e.IMAGES_BUCKET,
    firestoreDatabase: e.FIRESTORE_DATABASE,
    firestoreEmulatorHost: e.FIRESTORE_EMULATOR_HOST,
    pubsubEmulatorHost: e.PUBSUB_EMULATOR_HOST,
    storageApiEndpoint: e.STORAGE_API_ENDPOINT,
  });
  const host: ServiceHost & { store: CloudAdapters } = {
    store,
    logger: createLogger({ service, level: e.LOG_LEVEL }),
    clock: systemClock,
    projectId: e.GOOGLE_CLOUD_PROJECT,
    push: { pushAuth: googleCallers(e, [e.PUSH_SERVICE_ACCOUNT]) },
    schedulerAuth: googleCallers(e, [e.SCHEDULER_SERVICE_ACCOUNT]),
    readiness: { firestore: store.ping },
    isDraining: () => draining,
    tokens: new GoogleIdTokenSource(),
    tmpDir: e.TMP_DIR,
  };
  return { host, setDraining: () => void (draining = true) };
}

/**
 * Listens on Cloud Run's port and drains on SIGTERM: readiness turns false and open streams end, in-flight requests
 * (and so push deliveries) finish within the grace period, the service's timers stop, then the store closes. Cloud
 * Run kills 10 s after.
 */
export async function serveComposed(
  name: string,
  e: CloudEnv & { PORT: number; HOST?: string },
  cloud: ReturnType<typeof cloudHost>,
  service: ComposedService,
): Promise<void> {
  const { logger } = cloud.host;
  // An error escaping one request is logged and the service keeps serving (docs/operations.md).
  guardProcess(logger);
  const server = await startServer(service.app, { port: e.PORT, host: e.HOST ?? '0.0.0.0', logger, name });
  service.start();
  onShutdownSignal(logger, async () => {
    cloud.setDraining();
    service.drain();
    await server.close(e.SHUTDOWN_GRACE_MS);
    await service.stop();
    await cloud.host.store.close();
  });
}

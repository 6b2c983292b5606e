import { z } from 'zod';
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
import { createGenerationWorkerApp, SUBSCRIPTION } from './app';

/** The generation worker on Cloud Run: Pub/Sub pushes generation.requested here. */
const e = parseConfig(
  requirePushAuth(
    cloudEnvSchema.extend({
      PORT: env.int(8080, { min: 0, max: 65535 }),
      ARTWORK_WIDTH: env.int(2480, { min: 256, max: 8000 }),
      ARTWORK_HEIGHT: env.int(3508, { min: 256, max: 8000 }),
      LOG_LEVEL: z.enum(['trace', 'debug', 'info', 'warn', 'error', 'fatal', 'silent']).default('info'),
    }),
  ),
  process.env,
);
const logger = createLogger({ service: 'generation-worker', level: e.LOG_LEVEL });
const adapters = cloudAdaptersFrom(e);
const draining = drainFlag();

const app = createGenerationWorkerApp(
  {
    ...adapters,
    clock: systemClock,
    config: {
      width: e.ARTWORK_WIDTH,
      height: e.ARTWORK_HEIGHT,
      tmpDir: e.TMP_DIR,
      maxDeliveryAttempts: subscriptionSpec(SUBSCRIPTION).maxDeliveryAttempts,
    },
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
  name: 'generation worker',
  port: e.PORT,
  host: '0.0.0.0',
  logger,
  app,
  graceMs: e.SHUTDOWN_GRACE_MS,
  draining,
  adapters,
});

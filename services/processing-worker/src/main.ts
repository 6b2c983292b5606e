import { z } from 'zod';
import { cloudEnvSchema, requirePushAuth } from '@photo/shared/config/cloud-env';
import { env, parseConfig } from '@photo/shared/config/parse-config';
import {
  cloudAdaptersFrom,
  drainFlag,
  pushAuthFrom,
  serveUntilSignal,
} from '@photo/shared/composition/cloud-service';
import { createLogger } from '@photo/shared/http/logger';
import { createProcessingWorkerApp } from './app';

/** The processing worker on Cloud Run: Pub/Sub pushes processing.requested here. */
const e = parseConfig(
  requirePushAuth(
    cloudEnvSchema.extend({
      PORT: env.int(8080, { min: 0, max: 65535 }),
      MAX_INPUT_PIXELS: env.int(40_000_000, { min: 1 }),
      LOG_LEVEL: z.enum(['trace', 'debug', 'info', 'warn', 'error', 'fatal', 'silent']).default('info'),
    }),
  ),
  process.env,
);
const logger = createLogger({ service: 'processing-worker', level: e.LOG_LEVEL });
const adapters = cloudAdaptersFrom(e);
const draining = drainFlag();

const app = createProcessingWorkerApp(
  { ...adapters, config: { maxInputPixels: e.MAX_INPUT_PIXELS, tmpDir: e.TMP_DIR } },
  {
    logger,
    projectId: e.GOOGLE_CLOUD_PROJECT,
    pushAuth: pushAuthFrom(e),
    readiness: { firestore: adapters.ping },
    isDraining: draining.isDraining,
  },
);

await serveUntilSignal({
  name: 'processing worker',
  port: e.PORT,
  host: '0.0.0.0',
  logger,
  app,
  graceMs: e.SHUTDOWN_GRACE_MS,
  draining,
  adapters,
});

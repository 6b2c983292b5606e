import { z } from 'zod';
import { cloudEnvSchema, requirePushAuth } from '@photo/shared/config/cloud-env';
import { env, parseConfig } from '@photo/shared/config/parse-config';
import { serveWorker } from '@photo/shared/composition/cloud-service';
import { systemClock } from '@photo/shared/ports/common';
import { createProcessingWorkerApp } from './app';

/** The processing worker on Cloud Run: Pub/Sub pushes processing.requested and image.clustered here. */
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

await serveWorker('processing-worker', e, ({ adapters, options }) =>
  createProcessingWorkerApp(
    { ...adapters, clock: systemClock, config: { maxInputPixels: e.MAX_INPUT_PIXELS, tmpDir: e.TMP_DIR } },
    options,
  ),
);

import { z } from 'zod';
import { cloudEnvSchema, requirePushAuth } from '@photo/shared/config/cloud-env';
import { env, parseConfig } from '@photo/shared/config/parse-config';
import { serveWorker } from '@photo/shared/composition/cloud-service';
import { subscriptionSpec } from '@photo/shared/events/topology';
import { systemClock } from '@photo/shared/ports/common';
import { createClusteringWorkerApp, SUBSCRIPTION } from './app';

/** The clustering worker on Cloud Run: Pub/Sub pushes image.uploaded here. */
const e = parseConfig(
  requirePushAuth(
    cloudEnvSchema.extend({
      PORT: env.int(8080, { min: 0, max: 65535 }),
      PALETTE_SIZE: env.int(8, { min: 2, max: 32 }),
      SAMPLE_SIDE: env.int(256, { min: 32, max: 1024 }),
      MAX_INPUT_PIXELS: env.int(40_000_000, { min: 1 }),
      LOG_LEVEL: z.enum(['trace', 'debug', 'info', 'warn', 'error', 'fatal', 'silent']).default('info'),
    }),
  ),
  process.env,
);

await serveWorker('clustering-worker', e, ({ adapters, options }) =>
  createClusteringWorkerApp(
    {
      ...adapters,
      clock: systemClock,
      config: {
        k: e.PALETTE_SIZE,
        sampleSide: e.SAMPLE_SIDE,
        maxInputPixels: e.MAX_INPUT_PIXELS,
        tmpDir: e.TMP_DIR,
        maxDeliveryAttempts: subscriptionSpec(SUBSCRIPTION).maxDeliveryAttempts,
      },
    },
    options,
  ),
);

import { z } from 'zod';
import { cloudEnvSchema, requirePushAuth } from '@photo/shared/config/cloud-env';
import { env, parseConfig } from '@photo/shared/config/parse-config';
import { serveWorker } from '@photo/shared/composition/cloud-service';
import { subscriptionSpec } from '@photo/shared/events/topology';
import { systemClock } from '@photo/shared/ports/common';
import { createGenerationWorkerApp, SUBSCRIPTION } from './app';

/** The generation worker on Cloud Run: Pub/Sub pushes generation.requested and image.clustered here. */
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

await serveWorker('generation-worker', e, ({ adapters, options }) =>
  createGenerationWorkerApp(
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
    options,
  ),
);

import { z } from 'zod';
import { SharpColourImaging } from '@photo/shared/adapters/sharp/colour-imaging.sharp';
import { env } from '@photo/shared/config/parse-config';
import {
  workerService,
  type ComposedService,
  type ServiceHost,
} from '@photo/shared/composition/service-host';
import { subscriptionSpec } from '@photo/shared/events/topology';
import { AUTOMATION_SUBSCRIPTION, SUBSCRIPTION } from './app';
import { autoGenerateHandler } from './handlers/auto-generate.handler';
import { generateArtworkHandler } from './handlers/generate-artwork.handler';

/** The generation worker's settings, in its container and in the local runner. */
export const generationWorkerEnv = z.object({
  /** Generated artworks' size in pixels: A4 at 300 dpi by default. */
  ARTWORK_WIDTH: env.int(2480, { min: 256, max: 8000 }),
  ARTWORK_HEIGHT: env.int(3508, { min: 256, max: 8000 }),
});

/** Renders at once: one poster's pixels at a time, as Cloud Run's --concurrency bounds it (cloudbuild.yaml). */
export const GENERATION_CONCURRENCY = 1;

/** The generation worker: posters rendered from a palette and the clustered photo, and its automation rule. */
export function composeGenerationWorker(
  e: z.infer<typeof generationWorkerEnv>,
  host: ServiceHost,
): ComposedService {
  const deps = { ...host.store, imaging: new SharpColourImaging(), clock: host.clock };
  const handlers = {
    [SUBSCRIPTION]: generateArtworkHandler({
      ...deps,
      config: {
        width: e.ARTWORK_WIDTH,
        height: e.ARTWORK_HEIGHT,
        tmpDir: host.tmpDir,
        maxDeliveryAttempts: subscriptionSpec(SUBSCRIPTION).maxDeliveryAttempts,
      },
    }),
    [AUTOMATION_SUBSCRIPTION]: autoGenerateHandler(deps),
  };
  return workerService(host, handlers, { [SUBSCRIPTION]: GENERATION_CONCURRENCY });
}

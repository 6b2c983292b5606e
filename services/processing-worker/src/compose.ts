import { z } from 'zod';
import { SharpColourImaging } from '@photo/shared/adapters/sharp/colour-imaging.sharp';
import { env } from '@photo/shared/config/parse-config';
import {
  workerService,
  type ComposedService,
  type ServiceHost,
} from '@photo/shared/composition/service-host';
import { AUTOMATION_SUBSCRIPTION, SUBSCRIPTION } from './app';
import { autoLooksHandler } from './handlers/auto-looks.handler';
import { recolourLookHandler } from './handlers/recolour-look.handler';

/** The processing worker's settings, in its container and in the local runner. */
export const processingWorkerEnv = z.object({
  MAX_INPUT_PIXELS: env.int(40_000_000, { min: 1 }),
});

/** Recolourings at once: pixel work, as Cloud Run's --concurrency bounds it (cloudbuild.yaml). */
export const PROCESSING_CONCURRENCY = 2;

/** The processing worker: participants' photos recoloured onto chosen palettes, and its automation rule. */
export function composeProcessingWorker(
  e: z.infer<typeof processingWorkerEnv>,
  host: ServiceHost,
): ComposedService {
  const deps = { ...host.store, imaging: new SharpColourImaging(), clock: host.clock };
  const handlers = {
    [SUBSCRIPTION]: recolourLookHandler({
      ...deps,
      config: { maxInputPixels: e.MAX_INPUT_PIXELS, tmpDir: host.tmpDir },
    }),
    [AUTOMATION_SUBSCRIPTION]: autoLooksHandler(deps),
  };
  return workerService(host, handlers, { [SUBSCRIPTION]: PROCESSING_CONCURRENCY });
}

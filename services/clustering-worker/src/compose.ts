import { z } from 'zod';
import { SharpColourImaging } from '@photo/shared/adapters/sharp/colour-imaging.sharp';
import { env } from '@photo/shared/config/parse-config';
import { paletteThreadsEnv } from '@photo/shared/config/palette-threads';
import {
  workerService,
  type ComposedService,
  type ServiceHost,
} from '@photo/shared/composition/service-host';
import { subscriptionSpec } from '@photo/shared/events/topology';
import { SUBSCRIPTION } from './app';
import { clusterImageHandler } from './handlers/cluster-image.handler';

/** The clustering worker's settings, in its container and in the local runner. */
export const clusteringWorkerEnv = z.object({
  /** Colours per palette (k of k-means). */
  PALETTE_SIZE: env.int(8, { min: 2, max: 32 }),
  /** k-means is fitted on a copy shrunk to fit this side: ~65k samples at 256, whatever the input size. */
  SAMPLE_SIDE: env.int(256, { min: 32, max: 1024 }),
  MAX_INPUT_PIXELS: env.int(40_000_000, { min: 1 }),
  PALETTE_THREADS: paletteThreadsEnv,
});

/** Deliveries at once: pixel work, as Cloud Run's --concurrency bounds it (cloudbuild.yaml). */
export const CLUSTERING_CONCURRENCY = 2;

/** The clustering worker: palettes and posterised images of every uploaded image version. */
export function composeClusteringWorker(
  e: z.infer<typeof clusteringWorkerEnv>,
  host: ServiceHost,
): ComposedService {
  const imaging = new SharpColourImaging({ paletteThreads: e.PALETTE_THREADS });
  const handler = clusterImageHandler({
    ...host.store,
    imaging,
    clock: host.clock,
    config: {
      k: e.PALETTE_SIZE,
      sampleSide: e.SAMPLE_SIDE,
      maxInputPixels: e.MAX_INPUT_PIXELS,
      tmpDir: host.tmpDir,
      maxDeliveryAttempts: subscriptionSpec(SUBSCRIPTION).maxDeliveryAttempts,
    },
  });
  return workerService(
    host,
    { [SUBSCRIPTION]: handler },
    { [SUBSCRIPTION]: CLUSTERING_CONCURRENCY },
    // Its clustering threads stop once the deliveries in flight are done.
    { stop: () => imaging.close() },
  );
}

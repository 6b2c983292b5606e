import { z } from 'zod';
import { HttpImageServerClient } from '@photo/shared/adapters/http/image-server-client.http';
import { HttpWebhookSender } from '@photo/shared/adapters/http/webhook-sender.http';
import { decodableImageTypes } from '@photo/shared/adapters/sharp/decodable-types.sharp';
import { SharpImageInspector } from '@photo/shared/adapters/sharp/image-inspector.sharp';
import { SharpUploadImaging } from '@photo/shared/adapters/sharp/upload-imaging.sharp';
import { env } from '@photo/shared/config/parse-config';
import {
  periodicTask,
  workerService,
  type ComposedService,
  type ServiceHost,
} from '@photo/shared/composition/service-host';
import { uploadObjectFinalized } from '@photo/shared/events/catalog';
import { objectFinalizedMessage } from '@photo/shared/events/storage-notification';
import { subscriptionSpec } from '@photo/shared/events/topology';
import { SUBSCRIPTIONS, uploadPipelineHandlers } from './app';
import { renditionSpecs, uploadPipelineEnv } from './config';
import type { UploadPipelineDeps } from './deps';
import { tasksRoutes } from './routes/tasks.routes';
import { sweepUploads, type SweepDeps, type SweepReport } from './use-cases/sweep';

/** The upload pipeline's settings, in its container and in the local runner. */
export const uploadPipelineSettings = uploadPipelineEnv.extend({
  MAX_INPUT_PIXELS: env.int(40_000_000, { min: 1 }),
  /** What the bytes may turn out to be; each must be a type sharp decodes here. */
  UPLOAD_ALLOWED_TYPES: env.list(['image/jpeg', 'image/png', 'image/webp', 'image/avif']),
  /** Webhooks to http:// and private-network URLs (tests and closed venue networks only). */
  UPLOAD_CALLBACK_ALLOW_INSECURE: env.bool(false),
  IMAGE_SERVER_URL: z.url(),
  IMAGE_SERVER_AUDIENCE: z.string().min(1),
});

/** New uploads go first: the backfill gets one slot, as a lower-priority queue would. */
export const UPLOAD_PIPELINE_CONCURRENCY = {
  [SUBSCRIPTIONS.uploads]: 2,
  [SUBSCRIPTIONS.backfill]: 1,
  [SUBSCRIPTIONS.callbacks]: 4,
};

/** The local runner: a timer runs the sweep task Cloud Scheduler calls on Cloud Run. */
export interface LocalUploadOptions {
  sweepIntervalMs: number;
  /**
   * Embedded: the bucket the image server's upload endpoint announced each object of, so the sweep may announce it
   * again; null where only Cloud Storage announces (its notification of the object is still on its way).
   */
  reannounceBucket: string | null;
  /** Tests: wraps the pipeline's ports (a worker that dies between steps). */
  wrap?: (deps: UploadPipelineDeps) => UploadPipelineDeps;
}

/** The upload pipeline: uploads become image versions with their derivatives; backfills; webhooks; the sweep. */
export function composeUploadPipeline(
  e: z.infer<typeof uploadPipelineSettings>,
  host: ServiceHost,
  local: LocalUploadOptions | null = null,
): ComposedService & { pipeline: UploadPipelineDeps; sweepNow(): Promise<SweepReport> } {
  const decodable = decodableImageTypes();
  const unreadable = e.UPLOAD_ALLOWED_TYPES.filter((t) => !decodable.includes(t));
  if (unreadable.length > 0)
    throw new Error(`UPLOAD_ALLOWED_TYPES: ${unreadable.join(', ')} cannot be decoded here`);
  const { store, clock, logger } = host;
  const base: UploadPipelineDeps = {
    ...store,
    inspector: new SharpImageInspector(),
    imaging: new SharpUploadImaging(),
    imageServer: new HttpImageServerClient(e.IMAGE_SERVER_URL, e.IMAGE_SERVER_AUDIENCE, host.tokens),
    webhooks: new HttpWebhookSender(e.UPLOAD_CALLBACK_TIMEOUT_MS, {
      allowPrivate: e.UPLOAD_CALLBACK_ALLOW_INSECURE,
    }),
    clock,
    logger,
    config: {
      renditions: renditionSpecs(e.UPLOAD_SIZES, e.UPLOAD_FORMATS),
      maxInputPixels: e.MAX_INPUT_PIXELS,
      allowedTypes: e.UPLOAD_ALLOWED_TYPES,
      tmpDir: host.tmpDir,
      maxDeliveryAttempts: subscriptionSpec(SUBSCRIPTIONS.uploads).maxDeliveryAttempts,
      callbackAttempts: subscriptionSpec(SUBSCRIPTIONS.callbacks).maxDeliveryAttempts,
      sweepGraceSeconds: e.UPLOAD_SWEEP_GRACE_SECONDS,
      stepLeaseSeconds: e.UPLOAD_STEP_LEASE_SECONDS,
    },
  };
  const pipeline = local?.wrap ? local.wrap(base) : base;
  const bucket = local?.reannounceBucket;
  const sweepDeps: SweepDeps = {
    ...pipeline,
    ...(bucket && {
      reannounce: async (intent, object) => {
        const message = objectFinalizedMessage({
          bucket,
          name: object.key,
          generation: String(clock.now().getTime() * 1000),
          size: object.bytes,
          contentType: object.contentType,
          timeCreated: intent.createdAt,
        });
        await store.publisher.publish(uploadObjectFinalized.topic, message);
      },
    }),
  };
  const sweepNow = () => sweepUploads(sweepDeps, { maxItems: 500 });
  const sweeper = local && periodicTask(sweepNow, local.sweepIntervalMs, logger, 'upload sweep');
  return {
    ...workerService(host, uploadPipelineHandlers(pipeline), UPLOAD_PIPELINE_CONCURRENCY, {
      routes: [tasksRoutes({ sweep: sweepNow, schedulerAuth: host.schedulerAuth })],
      start: () => sweeper?.start(),
      stop: async () => await sweeper?.stop(),
    }),
    pipeline,
    sweepNow,
  };
}

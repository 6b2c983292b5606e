import { randomBytes } from 'node:crypto';
import { mkdir, readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { DevIdpServiceTokenSource } from '@photo/shared/adapters/http/local-service-tokens';
import { HttpImageServerClient } from '@photo/shared/adapters/http/image-server-client.http';
import { HttpUploadTargetSigner } from '@photo/shared/adapters/http/upload-target-signer.http';
import { HttpWebhookSender } from '@photo/shared/adapters/http/webhook-sender.http';
import { PolicyUploadTargetSigner } from '@photo/shared/adapters/local/upload-target-signer.policy';
import { decodableImageTypes } from '@photo/shared/adapters/sharp/decodable-types.sharp';
import { uploadObjectFinalized } from '@photo/shared/events/catalog';
import { objectFinalizedMessage } from '@photo/shared/events/storage-notification';
import { subscriptionSpec } from '@photo/shared/events/topology';
import type { Logger } from '@photo/shared/http/logger';
import type { DevIdentityProvider } from '@photo/shared/identity/dev-identity-provider';
import type { BlobStore } from '@photo/shared/ports/blob-store.port';
import type { CheckpointRepository } from '@photo/shared/ports/checkpoint-repository.port';
import type { Clock } from '@photo/shared/ports/common';
import type { EventPublisher } from '@photo/shared/ports/event-bus.port';
import type { ImageInspector } from '@photo/shared/ports/image-inspector.port';
import type { ImageRepository } from '@photo/shared/ports/image-repository.port';
import type { UploadImaging } from '@photo/shared/ports/upload-imaging.port';
import type { UploadIntentRepository } from '@photo/shared/ports/upload-intent-repository.port';
import type { UploadTargetSigner } from '@photo/shared/ports/upload-target-signer.port';
import { UploadPolicyCodec } from '@photo/shared/security/upload-policy';
import { toUploadRules } from '@photo/backend-api/uploads/upload-config';
import type { BackendUploadDeps } from '@photo/backend-api/uploads-wiring';
import { SUBSCRIPTIONS, uploadPipelineHandlers } from '@photo/upload-pipeline/app';
import { renditionSpecs } from '@photo/upload-pipeline/config';
import type { UploadPipelineDeps } from '@photo/upload-pipeline/deps';
import { sweepUploads, type SweepReport } from '@photo/upload-pipeline/use-cases/sweep';
import type { LocalRunnerConfig } from './config';

export const UPLOAD_PIPELINE_SERVICE_ACCOUNT = 'upload-pipeline@embedded.local';

export interface UploadAdapters {
  uploads: UploadIntentRepository;
  checkpoints: CheckpointRepository;
  images: ImageRepository;
  blobs: BlobStore;
  inspector: ImageInspector;
  uploadImaging: UploadImaging;
  publisher: EventPublisher;
}

/**
 * Direct uploads on one machine. Embedded: targets are the image server's `PUT /u/{policy}` (policy tokens signed
 * with a key kept in DATA_DIR/identity), which publishes the storage notification on the bus. Cloud mode: the
 * adapters' Cloud Storage signer. Either way the backend asks the image server to sign, the upload pipeline's
 * handlers are subscribed, and a timer runs the sweeper (Cloud Scheduler's job on Cloud Run).
 */
export async function openUploads(input: {
  config: LocalRunnerConfig;
  dataDir: string;
  logger: Logger;
  clock: Clock;
  adapters: UploadAdapters;
  /** Cloud mode: the Cloud Storage signer; null on the embedded default. */
  cloudSigner: UploadTargetSigner | null;
  /** Tests: wraps the pipeline's ports (a worker that dies between steps). */
  wrapPipeline?: (deps: UploadPipelineDeps) => UploadPipelineDeps;
}) {
  const { config, dataDir, clock, adapters } = input;
  const logger = input.logger.child({ service: 'upload-pipeline' });
  const codec = new UploadPolicyCodec(await persistentKey(dataDir, 'upload-policy-key'));
  const rules = toUploadRules(config, decodableImageTypes());
  const bucket = 'images';
  const topic = uploadObjectFinalized.topic;
  let sweeper: NodeJS.Timeout | null = null;
  let sweeping: Promise<unknown> | null = null;

  return {
    rules,
    /** The image server's part: the signer, and on the embedded default the endpoint that receives uploads. */
    imageServer: (publicUrl: string) => ({
      signer: input.cloudSigner ?? new PolicyUploadTargetSigner(publicUrl, codec),
      receiver: input.cloudSigner
        ? null
        : { blobs: adapters.blobs, publisher: adapters.publisher, codec, clock, bucket, topic },
    }),
    /** The backend's and the pipeline's parts, once the image server listens and the identity provider is up. */
    connect(imageServerUrl: string, idp: DevIdentityProvider) {
      const backend: BackendUploadDeps = {
        uploads: adapters.uploads,
        signer: new HttpUploadTargetSigner(
          imageServerUrl,
          imageServerUrl,
          new DevIdpServiceTokenSource(idp, 'backend-api@embedded.local'),
        ),
        rules,
      };
      const base: UploadPipelineDeps = {
        uploads: adapters.uploads,
        images: adapters.images,
        blobs: adapters.blobs,
        inspector: adapters.inspector,
        imaging: adapters.uploadImaging,
        imageServer: new HttpImageServerClient(
          imageServerUrl,
          imageServerUrl,
          new DevIdpServiceTokenSource(idp, UPLOAD_PIPELINE_SERVICE_ACCOUNT),
        ),
        publisher: adapters.publisher,
        webhooks: new HttpWebhookSender(config.UPLOAD_CALLBACK_TIMEOUT_MS, {
          allowPrivate: config.UPLOAD_CALLBACK_ALLOW_INSECURE,
        }),
        clock,
        logger,
        config: {
          renditions: renditionSpecs(config.UPLOAD_SIZES, config.UPLOAD_FORMATS),
          maxInputPixels: config.MAX_INPUT_PIXELS,
          allowedTypes: rules.allowedTypes,
          tmpDir: join(dataDir, 'tmp'),
          maxDeliveryAttempts: subscriptionSpec(SUBSCRIPTIONS.uploads).maxDeliveryAttempts,
          callbackAttempts: subscriptionSpec(SUBSCRIPTIONS.callbacks).maxDeliveryAttempts,
          sweepGraceSeconds: config.UPLOAD_SWEEP_GRACE_SECONDS,
          stepLeaseSeconds: config.UPLOAD_STEP_LEASE_SECONDS,
        },
      };
      const pipeline = input.wrapPipeline ? input.wrapPipeline(base) : base;
      const sweep = (): Promise<SweepReport> =>
        sweepUploads(
          {
            ...pipeline,
            // Embedded only: the upload endpoint published the notification, so it may publish it again.
            ...(input.cloudSigner
              ? {}
              : {
                  reannounce: async (intent, object) => {
                    const generation = String(clock.now().getTime() * 1000);
                    await adapters.publisher.publish(
                      topic,
                      objectFinalizedMessage({
                        bucket,
                        name: object.key,
                        generation,
                        size: object.bytes,
                        contentType: object.contentType,
                        timeCreated: intent.createdAt,
                      }),
                    );
                  },
                }),
          },
          { maxItems: 500 },
        );
      return {
        backend,
        pipeline,
        handlers: uploadPipelineHandlers(pipeline),
        /** New uploads go first: the backfill gets one slot, as a lower-priority queue would. */
        concurrency: {
          [SUBSCRIPTIONS.uploads]: 2,
          [SUBSCRIPTIONS.backfill]: 1,
          [SUBSCRIPTIONS.callbacks]: 4,
        },
        sweepNow: sweep,
        start() {
          sweeper = setInterval(() => {
            if (sweeping) return;
            sweeping = sweep()
              .catch((err: unknown) => logger.warn({ err }, 'upload sweep failed'))
              .finally(() => (sweeping = null));
          }, config.UPLOAD_SWEEP_INTERVAL_MS);
          sweeper.unref();
        },
        async stop() {
          if (sweeper) clearInterval(sweeper);
          await sweeping;
        },
      };
    },
  };
}

export type OpenedUploads = Awaited<ReturnType<typeof openUploads>>;
export type ConnectedUploads = ReturnType<OpenedUploads['connect']>;

/** A key generated on first start and kept in the data directory, so signed targets survive restarts. */
async function persistentKey(dataDir: string, name: string): Promise<string> {
  const file = join(dataDir, 'identity', name);
  try {
    return (await readFile(file, 'utf8')).trim();
  } catch {
    await mkdir(join(dataDir, 'identity'), { recursive: true });
    await writeFile(file, randomBytes(32).toString('base64url'), { mode: 0o600, flag: 'wx' }).catch(
      () => undefined,
    );
    return (await readFile(file, 'utf8')).trim();
  }
}

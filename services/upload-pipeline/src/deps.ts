import type { Logger } from '@photo/shared/http/logger';
import type { BlobStore } from '@photo/shared/ports/blob-store.port';
import type { Clock } from '@photo/shared/ports/common';
import type { EventPublisher } from '@photo/shared/ports/event-bus.port';
import type { ImageInspector } from '@photo/shared/ports/image-inspector.port';
import type { ImageRepository } from '@photo/shared/ports/image-repository.port';
import type { ImageServerClient } from '@photo/shared/ports/image-server-client.port';
import type { UploadImaging } from '@photo/shared/ports/upload-imaging.port';
import type { UploadIntentRepository } from '@photo/shared/ports/upload-intent-repository.port';
import type { WebhookSender } from '@photo/shared/ports/webhook-sender.port';
import type { UploadPipelineConfig } from './config';

/** Everything the upload pipeline's handlers and tasks use: ports only, chosen by a composition root. */
export interface UploadPipelineDeps {
  uploads: UploadIntentRepository;
  images: ImageRepository;
  blobs: BlobStore;
  inspector: ImageInspector;
  imaging: UploadImaging;
  /** The one writer of image versions and variants: the handoff and the derivatives' records go through it. */
  imageServer: Pick<ImageServerClient, 'importUpload' | 'recordRenditions'>;
  publisher: EventPublisher;
  webhooks: WebhookSender;
  clock: Clock;
  logger: Logger;
  config: UploadPipelineConfig;
}

import { Firestore } from '@google-cloud/firestore';
import { FirestoreAuditLog } from '../adapters/firestore/audit-log.firestore';
import { FirestoreAutomationRepository } from '../adapters/firestore/automation-repository.firestore';
import { PubSub } from '@google-cloud/pubsub';
import { Storage } from '@google-cloud/storage';
import { FirestoreDeadLetterRepository } from '../adapters/firestore/dead-letter-repository.firestore';
import { FirestoreImageRepository } from '../adapters/firestore/image-repository.firestore';
import { FirestoreOneTimeTokenRepository } from '../adapters/firestore/one-time-token-repository.firestore';
import { FirestorePaletteRepository } from '../adapters/firestore/palette-repository.firestore';
import { FirestoreDeliveryRepository } from '../adapters/firestore/delivery-repository.firestore';
import { FirestoreLikeRepository } from '../adapters/firestore/like-repository.firestore';
import { FirestoreNotificationRepository } from '../adapters/firestore/notification-repository.firestore';
import { FirestoreNotificationSettingsRepository } from '../adapters/firestore/notification-settings.firestore';
import { FirestoreOutboxRepository } from '../adapters/firestore/outbox.firestore';
import { FirestoreParticipantRepository } from '../adapters/firestore/participant-repository.firestore';
import { FirestoreRateLimiter } from '../adapters/firestore/rate-limiter.firestore';
import { FirestoreUpdateFeed } from '../adapters/firestore/update-feed.firestore';
import { FirestoreUploadIntentRepository } from '../adapters/firestore/upload-intent-repository.firestore';
import { FirestoreCheckpointRepository } from '../adapters/firestore/checkpoint-repository.firestore';
import { GcsUploadTargetSigner } from '../adapters/gcp/upload-target-signer.gcs';
import { GcsBlobStore } from '../adapters/gcp/blob-store.gcs';
import { PubSubEventPublisher } from '../adapters/gcp/event-publisher.pubsub';

export interface CloudOptions {
  projectId: string;
  /** The images bucket: originals under originals/, derivatives under derived/. */
  bucket: string;
  firestoreDatabase?: string;
  /** Emulators and loopback servers (tests, local cloud-mode runs); unset in production. */
  firestoreEmulatorHost?: string | undefined;
  pubsubEmulatorHost?: string | undefined;
  storageApiEndpoint?: string | undefined;
  /** A service account key to sign upload URLs with (tests); unset, signing uses ADC (IAM signBlob on Cloud Run). */
  storageCredentials?: { client_email: string; private_key: string } | undefined;
}

/**
 * The cloud store set, built in one place: Firestore for every repository, Pub/Sub for the bus, Cloud Storage for
 * blobs. Credentials come from the runtime's service account (Application Default Credentials). Image work (sharp)
 * is built by the services that do it, so the others never load it.
 */
export function openCloudAdapters(options: CloudOptions) {
  const firestore = new Firestore({
    projectId: options.projectId,
    ...(options.firestoreDatabase ? { databaseId: options.firestoreDatabase } : {}),
    ...(options.firestoreEmulatorHost
      ? { host: options.firestoreEmulatorHost, ssl: false, customHeaders: { Authorization: 'Bearer owner' } }
      : {}),
    ignoreUndefinedProperties: true,
  });
  const pubsub = new PubSub({
    projectId: options.projectId,
    ...(options.pubsubEmulatorHost ? { apiEndpoint: options.pubsubEmulatorHost, emulatorMode: true } : {}),
  });
  const storage = new Storage({
    projectId: options.projectId,
    ...(options.storageApiEndpoint
      ? { apiEndpoint: options.storageApiEndpoint, useAuthWithCustomEndpoint: false }
      : {}),
    ...(options.storageCredentials ? { credentials: options.storageCredentials } : {}),
  });
  const blobs = new GcsBlobStore(storage, options.bucket);
  const publisher = new PubSubEventPublisher(pubsub);
  return {
    firestore,
    pubsub,
    storage,
    publisher,
    participants: new FirestoreParticipantRepository(firestore),
    images: new FirestoreImageRepository(firestore),
    tokens: new FirestoreOneTimeTokenRepository(firestore),
    updates: new FirestoreUpdateFeed(firestore),
    deadLetters: new FirestoreDeadLetterRepository(firestore),
    palettes: new FirestorePaletteRepository(firestore),
    likes: new FirestoreLikeRepository(firestore),
    notifications: new FirestoreNotificationRepository(firestore),
    outbox: new FirestoreOutboxRepository(firestore),
    notificationSettings: new FirestoreNotificationSettingsRepository(firestore),
    deliveries: new FirestoreDeliveryRepository(firestore),
    blobs,
    uploads: new FirestoreUploadIntentRepository(firestore),
    checkpoints: new FirestoreCheckpointRepository(firestore),
    audit: new FirestoreAuditLog(firestore),
    automation: new FirestoreAutomationRepository(firestore),
    limiter: new FirestoreRateLimiter(firestore),
    uploadTargets: new GcsUploadTargetSigner(blobs),
    /** Readiness: Firestore answers (one tiny read). */
    ping: async () => {
      await firestore.listCollections();
    },
    async close() {
      await publisher.flush();
      await pubsub.close();
      await firestore.terminate();
    },
  };
}

export type CloudAdapters = ReturnType<typeof openCloudAdapters>;

import type { PubSub } from '@google-cloud/pubsub';
import { generateKeyPairSync, type KeyObject } from 'node:crypto';
import { uploadObjectFinalized } from '@photo/shared/events/catalog';
import type { FakeGcsServer } from '@photo/shared/testing/fake-gcs-server';

/** A service account key for signing upload URLs in cloud mode (what IAM signBlob does on Cloud Run). */
export function uploadSigningKey(): {
  credentials: { client_email: string; private_key: string };
  publicKey: KeyObject;
} {
  const pair = generateKeyPairSync('rsa', { modulusLength: 2048 });
  return {
    credentials: {
      client_email: 'image-server@e2e.iam.gserviceaccount.com',
      private_key: pair.privateKey.export({ type: 'pkcs8', format: 'pem' }).toString(),
    },
    publicKey: pair.publicKey,
  };
}

/**
 * The bucket's OBJECT_FINALIZE notification on uploads/ (infra/storage.tf), for the fake: each new object's
 * resource is published to the uploads-finalized topic with Cloud Storage's attributes.
 */
export function notifyUploads(gcs: FakeGcsServer, pubsub: PubSub): void {
  gcs.onFinalize('uploads/', async (resource) => {
    await pubsub.topic(uploadObjectFinalized.topic).publishMessage({
      data: Buffer.from(JSON.stringify(resource)),
      attributes: {
        eventType: 'OBJECT_FINALIZE',
        payloadFormat: 'JSON_API_V1',
        bucketId: String(resource.bucket),
        objectId: String(resource.name),
        objectGeneration: String(resource.generation),
      },
    });
  });
}

import { awsCredentialsFromGoogle } from '@photo/shared/adapters/aws/aws-credentials.google';
import { HttpImageServerClient } from '@photo/shared/adapters/http/image-server-client.http';
import { GoogleIdTokenSource } from '@photo/shared/adapters/gcp/service-tokens.google';
import { cloudEnvSchema, requirePushAuth } from '@photo/shared/config/cloud-env';
import { parseConfig } from '@photo/shared/config/parse-config';
import {
  cloudAdaptersFrom,
  drainFlag,
  pushAuthFrom,
  serveUntilSignal,
} from '@photo/shared/composition/cloud-service';
import { openFirestoreGallery, withAwsServices } from '@photo/shared/composition/gallery';
import { createLogger } from '@photo/shared/http/logger';
import { systemClock } from '@photo/shared/ports/common';
import { createGalleryApp } from './app';
import { galleryConfigSchema, requireAwsIdentity, requirePersonalize, toGalleryConfig } from './config';
import { expireFaces } from './use-cases/expire-faces';

/**
 * The face gallery on Cloud Run: its store in Firestore, catalog images through the image server (Google ID tokens),
 * face work and recommendations local or on AWS (Rekognition, Personalize) as configured.
 */
const e = parseConfig(
  requireAwsIdentity(
    requirePersonalize(
      requirePushAuth(galleryConfigSchema.extend(cloudEnvSchema.shape).required({ IMAGE_SERVER_URL: true })),
    ),
  ),
  process.env,
);
const config = { ...toGalleryConfig(e), projectId: e.GOOGLE_CLOUD_PROJECT };
const logger = createLogger({ service: 'gallery-api', level: e.LOG_LEVEL });
const adapters = cloudAdaptersFrom(e);
const draining = drainFlag();
const idTokens = new GoogleIdTokenSource();
const gallery = withAwsServices(
  openFirestoreGallery(adapters.firestore, {
    matchThreshold: e.GALLERY_FACE_MATCH_THRESHOLD,
    recommenderSeed: e.GALLERY_RECOMMENDER_SEED,
  }),
  {
    region: e.AWS_REGION,
    ...(e.AWS_ROLE_ARN && e.AWS_WEB_IDENTITY_AUDIENCE
      ? {
          credentials: awsCredentialsFromGoogle(idTokens, {
            roleArn: e.AWS_ROLE_ARN,
            audience: e.AWS_WEB_IDENTITY_AUDIENCE,
            region: e.AWS_REGION,
            sessionName: 'gallery-api',
          }),
        }
      : {}),
    rekognition:
      e.GALLERY_FACES === 'rekognition'
        ? { collectionId: e.REKOGNITION_COLLECTION_ID, minSimilarity: e.REKOGNITION_MIN_SIMILARITY }
        : null,
    personalize:
      e.GALLERY_RECOMMENDER === 'personalize'
        ? {
            campaignArn: e.PERSONALIZE_CAMPAIGN_ARN!,
            trackingId: e.PERSONALIZE_TRACKING_ID!,
            usersDatasetArn: e.PERSONALIZE_USERS_DATASET_ARN!,
            itemsDatasetArn: e.PERSONALIZE_ITEMS_DATASET_ARN!,
            excludeFilterArn: e.PERSONALIZE_EXCLUDE_FILTER_ARN ?? null,
            deletion: {
              datasetGroupArn: e.PERSONALIZE_DATASET_GROUP_ARN!,
              roleArn: e.PERSONALIZE_DELETION_ROLE_ARN!,
              s3Prefix: e.PERSONALIZE_DELETION_S3_PREFIX!,
            },
          }
        : null,
  },
);

const app = createGalleryApp({
  ...gallery,
  config,
  logger,
  clock: systemClock,
  inspector: adapters.inspector,
  imageServer: new HttpImageServerClient(
    e.IMAGE_SERVER_URL,
    e.IMAGE_SERVER_AUDIENCE ?? e.IMAGE_SERVER_URL,
    idTokens,
  ),
  blobs: adapters.blobs,
  publisher: adapters.publisher,
  audit: adapters.audit,
  readiness: { firestore: adapters.ping },
  isDraining: draining.isDraining,
  appOrigins: e.APP_ORIGINS,
  push: { pushAuth: pushAuthFrom(e) },
});

// Firestore's TTL policies delete expired faces and analyses within a day; this sweep takes them out of search at
// once, and is what removes Rekognition's faces (Rekognition keeps no expiry). Every instance sweeps; it is idempotent.
const sweep = setInterval(() => {
  expireFaces({
    users: gallery.users,
    faces: gallery.faces,
    analyses: gallery.analyses,
    clock: systemClock,
  }).catch((err: unknown) => logger.warn({ err }, 'gallery retention sweep failed'));
}, 600_000);
sweep.unref();

await serveUntilSignal({
  name: 'face gallery',
  port: e.PORT,
  host: e.HOST,
  logger,
  app,
  graceMs: e.SHUTDOWN_GRACE_MS,
  draining,
  beforeClose: () => clearInterval(sweep),
  adapters,
});

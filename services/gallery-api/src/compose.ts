import { HttpImageServerClient } from '@photo/shared/adapters/http/image-server-client.http';
import { SharpImageInspector } from '@photo/shared/adapters/sharp/image-inspector.sharp';
import type { GalleryAdapters } from '@photo/shared/composition/gallery-local';
import { periodicTask, type ComposedService, type ServiceHost } from '@photo/shared/composition/service-host';
import { createGalleryApp, galleryHandlers } from './app';
import { toGalleryConfig, type GalleryEnv } from './config';
import { expireFaces } from './use-cases/expire-faces';

/** The service's settings; IMAGES_BUCKET (the cloud's) names the bucket a scheduled reconcile pass reads. */
export type GallerySettings = GalleryEnv & { IMAGE_SERVER_URL: string; IMAGES_BUCKET?: string };

/**
 * The face gallery: selfies read for their expression, returning users recognised, images recommended. `stores` is
 * its part of the store set (composition/gallery*.ts); face work and ranking are local unless AWS is configured.
 */
export async function composeGallery(
  e: GallerySettings,
  host: ServiceHost,
  stores: GalleryAdapters,
): Promise<ComposedService & { gallery: GalleryAdapters; sweep: () => ReturnType<typeof expireFaces> }> {
  const { store, clock, logger } = host;
  const config = { ...toGalleryConfig(e), projectId: host.projectId };
  // The AWS clients load only when asked for: the embedded default and a local gallery start without them.
  const aws = e.GALLERY_FACES === 'rekognition' || e.GALLERY_RECOMMENDER === 'personalize';
  const gallery = aws ? await withAws(e, host, stores) : stores;
  const deps = {
    ...store,
    ...gallery,
    config,
    logger,
    clock,
    inspector: new SharpImageInspector(),
    imageServer: new HttpImageServerClient(
      e.IMAGE_SERVER_URL,
      e.IMAGE_SERVER_AUDIENCE ?? e.IMAGE_SERVER_URL,
      host.tokens,
    ),
    readiness: host.readiness,
    isDraining: host.isDraining,
    appOrigins: e.APP_ORIGINS,
    ...(host.push ? { push: host.push } : {}),
    ...(e.SCHEDULER_SERVICE_ACCOUNT && e.IMAGES_BUCKET
      ? {
          reconcileTask: {
            schedulerAuth: host.schedulerAuth,
            options: {
              safetyWindowSeconds: e.RECONCILE_SAFETY_WINDOW_SECONDS,
              repair: e.RECONCILE_REMOVE_ORPHANS,
              bucket: e.IMAGES_BUCKET,
              galleryPrefix: e.GALLERY_PREFIX,
            },
          },
        }
      : {}),
  };
  // Firestore's TTL policies delete expired faces and analyses within a day; this sweep takes them out of search at
  // once, and is what removes Rekognition's faces. Every instance sweeps; it is idempotent.
  const sweep = () => expireFaces({ ...gallery, clock });
  const sweeper = periodicTask(sweep, e.GALLERY_SWEEP_INTERVAL_MS, logger, 'gallery retention sweep');
  return {
    app: createGalleryApp(deps),
    handlers: galleryHandlers(deps),
    concurrency: {},
    gallery,
    sweep,
    start: () => sweeper.start(),
    drain: () => undefined,
    stop: () => sweeper.stop(),
  };
}

async function withAws(
  e: GallerySettings,
  host: ServiceHost,
  stores: GalleryAdapters,
): Promise<GalleryAdapters> {
  const [{ withAwsServices }, { awsCredentialsFromGoogle }] = await Promise.all([
    import('@photo/shared/composition/gallery'),
    import('@photo/shared/adapters/aws/aws-credentials.google'),
  ]);
  return withAwsServices(stores, {
    region: e.AWS_REGION,
    ...(e.AWS_ROLE_ARN && e.AWS_WEB_IDENTITY_AUDIENCE
      ? {
          credentials: awsCredentialsFromGoogle(host.tokens, {
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
  });
}

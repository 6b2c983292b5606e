import { cloudEnvSchema, requirePushAuth } from '@photo/shared/config/cloud-env';
import { parseConfig } from '@photo/shared/config/parse-config';
import { cloudHost, serveComposed } from '@photo/shared/composition/cloud-service';
import { openFirestoreGallery } from '@photo/shared/composition/gallery';
import { composeGallery } from './compose';
import { galleryConfigSchema, requireAwsIdentity, requirePersonalize } from './config';

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
const cloud = cloudHost('gallery-api', e);
const stores = openFirestoreGallery(cloud.host.store.firestore, {
  matchThreshold: e.GALLERY_FACE_MATCH_THRESHOLD,
  recommenderSeed: e.GALLERY_RECOMMENDER_SEED,
});
await serveComposed('face gallery', e, cloud, await composeGallery(e, cloud.host, stores));

import { join } from 'node:path';
import type { Firestore } from '@google-cloud/firestore';
import type { SqliteDatabase } from '@photo/shared/adapters/sqlite/database';
import { openEmbeddedGallery } from '@photo/shared/composition/gallery-embedded';
import type { ServiceHost } from '@photo/shared/composition/service-host';
import { composeGallery } from '@photo/gallery-api/compose';
import { reconcileGallery } from '@photo/gallery-api/use-cases/reconcile-gallery';
import type { LocalRunnerConfig } from './config';
import { EMBEDDED_IMAGES_BUCKET } from './gallery-config';

/**
 * The face gallery in the local runner: its composition over the system's store (the SQLite database embedded,
 * Firestore in cloud mode), and its part of the reconciler's pass.
 */
export async function startGallery(input: {
  config: LocalRunnerConfig;
  dataDir: string;
  adapters: { db?: SqliteDatabase; firestore?: Firestore };
  host: ServiceHost;
  imageServerUrl: string;
  appOrigins: readonly string[];
}) {
  const { config, adapters, host } = input;
  const options = {
    matchThreshold: config.GALLERY_FACE_MATCH_THRESHOLD,
    recommenderSeed: config.GALLERY_RECOMMENDER_SEED,
  };
  // The cloud composition loads the AWS and Firestore clients: only when asked for, so the embedded default
  // starts without them (a restart after a crash is that much sooner).
  const stores = adapters.db
    ? openEmbeddedGallery(adapters.db, options)
    : (await import('@photo/shared/composition/gallery')).openFirestoreGallery(adapters.firestore!, options);
  const gallery = await composeGallery(
    {
      ...config,
      PORT: config.GALLERY_PORT,
      GOOGLE_CLOUD_PROJECT: undefined,
      TMP_DIR: join(input.dataDir, 'tmp', 'selfies'),
      IMAGE_SERVER_URL: input.imageServerUrl,
      IMAGE_SERVER_AUDIENCE: input.imageServerUrl,
      APP_ORIGINS: [...input.appOrigins],
    },
    host,
    stores,
  );
  return {
    ...gallery,
    /**
     * The gallery's part of a reconciler pass on the embedded store: its objects against the catalog, its faces
     * against the users.
     */
    reconcile: (pass: { safetyWindowSeconds: number; repair: boolean }) =>
      reconcileGallery(
        { ...gallery.gallery, blobs: host.store.blobs, publisher: host.store.publisher, clock: host.clock },
        { ...pass, bucket: EMBEDDED_IMAGES_BUCKET, galleryPrefix: config.GALLERY_PREFIX },
      ),
  };
}

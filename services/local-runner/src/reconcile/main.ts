import { join, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { z } from 'zod';
import { sweepBucketLitter } from '@photo/shared/adapters/fs/bucket-litter.fs';
import { openCloudAdapters } from '@photo/shared/composition/cloud';
import { openEmbeddedAdapters } from '@photo/shared/composition/embedded';
import { openFirestoreGallery } from '@photo/shared/composition/gallery';
import { openEmbeddedGallery } from '@photo/shared/composition/gallery-embedded';
import { parseConfig } from '@photo/shared/config/parse-config';
import { createLogger } from '@photo/shared/http/logger';
import { systemClock } from '@photo/shared/ports/common';
import { reconcileStore } from '@photo/image-server/use-cases/reconcile-store';
import { reconcileGallery } from '@photo/gallery-api/use-cases/reconcile-gallery';
import { EMBEDDED_IMAGES_BUCKET } from '../gallery-config';
import { recoveryRunnerEnv } from '../recovery-config';

/**
 * `npm run reconcile -- [--remove]`: compares the images bucket with the image records and prints objects no record
 * refers to and records whose object is missing, older than RECONCILE_SAFETY_WINDOW_SECONDS; then the gallery's
 * objects with its catalog and its faces with its users. Reports only, unless --remove deletes the orphaned objects
 * and the faces of users who no longer exist and announces uncatalogued gallery objects again (records are never
 * deleted). Safe beside a running `npm start`. Embedded: DATA_DIR; cloud: set GOOGLE_CLOUD_PROJECT and IMAGES_BUCKET
 * (Firestore and Cloud Storage).
 */
const e = parseConfig(
  recoveryRunnerEnv.extend({
    DATA_DIR: z.string().default('./.data'),
    GALLERY_PREFIX: z.string().default('gallery/'),
    GOOGLE_CLOUD_PROJECT: z.string().optional(),
    IMAGES_BUCKET: z.string().optional(),
  }),
  process.env,
);
const { values } = parseArgs({ options: { remove: { type: 'boolean', default: false } } });
const logger = createLogger({ service: 'reconcile', level: 'warn' });
const cloud = Boolean(e.GOOGLE_CLOUD_PROJECT && e.IMAGES_BUCKET);
const adapters = cloud
  ? openCloudAdapters({ projectId: e.GOOGLE_CLOUD_PROJECT!, bucket: e.IMAGES_BUCKET! })
  : openEmbeddedAdapters({ dataDir: resolve(e.DATA_DIR), logger, clock: systemClock });
try {
  const report = await reconcileStore(
    { ...adapters, clock: systemClock },
    { safetyWindowSeconds: e.RECONCILE_SAFETY_WINDOW_SECONDS, removeOrphans: values.remove },
  );
  const cutoff = new Date(Date.now() - e.RECONCILE_SAFETY_WINDOW_SECONDS * 1000);
  const litter = cloud
    ? null
    : await sweepBucketLitter(join(resolve(e.DATA_DIR), 'buckets', 'images'), cutoff);
  const out = (line: string) => process.stdout.write(`${line}\n`);
  /** What --remove did about a finding, after its count. */
  const done = (what: string, count: number) => (values.remove ? ` (${what} ${count})` : '');
  out(`checked ${report.objectsSeen} objects against ${report.variantsSeen} recorded variants`);
  out(`objects no record refers to: ${report.orphans.length}${done('removed', report.orphansRemoved)}`);
  for (const key of report.orphans) out(`  ${key}`);
  out(`records whose object is missing: ${report.missing.length}`);
  for (const m of report.missing) out(`  ${m.imageId} v${m.version} ${m.variant}: ${m.blobKey}`);
  if (litter)
    out(
      `half-written objects removed: ${litter.halfWritten}, stray metadata removed: ${litter.straySidecars}`,
    );
  // Only the catalog, users and faces are used: the matching threshold and recommender seed do not matter here.
  const galleryOptions = { matchThreshold: 0.5, recommenderSeed: 1 };
  const gallery =
    'firestore' in adapters
      ? openFirestoreGallery(adapters.firestore, galleryOptions)
      : openEmbeddedGallery(adapters.db, galleryOptions);
  const g = await reconcileGallery(
    { ...gallery, blobs: adapters.blobs, publisher: adapters.publisher, clock: systemClock },
    {
      safetyWindowSeconds: e.RECONCILE_SAFETY_WINDOW_SECONDS,
      repair: values.remove,
      bucket: cloud ? e.IMAGES_BUCKET! : EMBEDDED_IMAGES_BUCKET,
      galleryPrefix: e.GALLERY_PREFIX,
    },
  );
  out(`checked ${g.objectsSeen} gallery objects against ${g.itemsSeen} catalog items`);
  out(
    `gallery objects not in the catalog: ${g.uncatalogued.length}${done('announced again', g.reannounced)}`,
  );
  for (const key of g.uncatalogued) out(`  ${key}`);
  out(`catalog items whose object is missing: ${g.missingObjects.length}`);
  for (const m of g.missingObjects) out(`  ${m.itemId}: ${m.objectKey}`);
  out(
    `users gone whose faces remain: ${g.orphanFaceUsers.length}${done('faces removed', g.orphanFacesRemoved)}`,
  );
  for (const userId of g.orphanFaceUsers) out(`  ${userId}`);
} finally {
  await adapters.close();
}

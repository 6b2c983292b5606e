import { join, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { z } from 'zod';
import { sweepBucketLitter } from '@photo/shared/adapters/fs/bucket-litter.fs';
import { openCloudAdapters } from '@photo/shared/composition/cloud';
import { openEmbeddedAdapters } from '@photo/shared/composition/embedded';
import { parseConfig } from '@photo/shared/config/parse-config';
import { createLogger } from '@photo/shared/http/logger';
import { systemClock } from '@photo/shared/ports/common';
import { reconcileStore } from '@photo/image-server/use-cases/reconcile-store';
import { recoveryRunnerEnv } from '../recovery-config';

/**
 * `npm run reconcile -- [--remove]`: compares the images bucket with the image records and prints objects no record
 * refers to and records whose object is missing, older than RECONCILE_SAFETY_WINDOW_SECONDS. Reports only, unless
 * --remove deletes the orphaned objects (records are never deleted). Safe beside a running `npm start`. Embedded:
 * DATA_DIR; cloud: set GOOGLE_CLOUD_PROJECT and IMAGES_BUCKET (Firestore and Cloud Storage).
 */
const e = parseConfig(
  recoveryRunnerEnv.extend({
    DATA_DIR: z.string().default('./.data'),
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
    { images: adapters.images, blobs: adapters.blobs, clock: systemClock },
    { safetyWindowSeconds: e.RECONCILE_SAFETY_WINDOW_SECONDS, removeOrphans: values.remove },
  );
  const cutoff = new Date(Date.now() - e.RECONCILE_SAFETY_WINDOW_SECONDS * 1000);
  const litter = cloud
    ? null
    : await sweepBucketLitter(join(resolve(e.DATA_DIR), 'buckets', 'images'), cutoff);
  const out = (line: string) => process.stdout.write(`${line}\n`);
  out(`checked ${report.objectsSeen} objects against ${report.variantsSeen} recorded variants`);
  out(
    `objects no record refers to: ${report.orphans.length}${values.remove ? ` (removed ${report.orphansRemoved})` : ''}`,
  );
  for (const key of report.orphans) out(`  ${key}`);
  out(`records whose object is missing: ${report.missing.length}`);
  for (const m of report.missing) out(`  ${m.imageId} v${m.version} ${m.variant}: ${m.blobKey}`);
  if (litter)
    out(
      `half-written objects removed: ${litter.halfWritten}, stray metadata removed: ${litter.straySidecars}`,
    );
} finally {
  await adapters.close();
}

import { parseArgs } from 'node:util';
import { z } from 'zod';
import { openCloudAdapters } from '@photo/shared/composition/cloud';
import { openEmbeddedAdapters } from '@photo/shared/composition/embedded';
import { env, parseConfig } from '@photo/shared/config/parse-config';
import { createLogger } from '@photo/shared/http/logger';
import { systemClock } from '@photo/shared/ports/common';
import { renditionSpecs, uploadPipelineEnv } from '../config';
import { planBackfill } from '../use-cases/plan-backfill';

/**
 * `npm run uploads:backfill -- [--dry-run] [--limit N] [--restart]`: queues the derivatives the current size list
 * (UPLOAD_SIZES, UPLOAD_FORMATS) names and older uploads lack. The upload pipeline makes them from the backfill
 * subscription, behind new uploads. Embedded: DATA_DIR (the running `npm start` picks the work up); cloud: set
 * GOOGLE_CLOUD_PROJECT and IMAGES_BUCKET. Resumable: a checkpoint per size list is kept in the store.
 */
const e = parseConfig(
  uploadPipelineEnv.extend({
    DATA_DIR: z.string().default('./.data'),
    GOOGLE_CLOUD_PROJECT: z.string().optional(),
    IMAGES_BUCKET: z.string().optional(),
    BACKFILL_MAX_LIMIT: env.int(10_000, { min: 1 }),
  }),
  process.env,
);
const { values } = parseArgs({
  options: {
    'dry-run': { type: 'boolean', default: false },
    limit: { type: 'string', default: '1000' },
    restart: { type: 'boolean', default: false },
  },
});
const limit = Math.min(Number(values.limit), e.BACKFILL_MAX_LIMIT);
if (!Number.isInteger(limit) || limit < 1)
  throw new Error(`--limit must be a positive integer, not ${values.limit}`);

const logger = createLogger({ service: 'uploads-backfill', level: 'warn' });
const adapters =
  e.GOOGLE_CLOUD_PROJECT && e.IMAGES_BUCKET
    ? openCloudAdapters({ projectId: e.GOOGLE_CLOUD_PROJECT, bucket: e.IMAGES_BUCKET })
    : openEmbeddedAdapters({ dataDir: e.DATA_DIR, logger, clock: systemClock });
try {
  const report = await planBackfill(
    {
      ...adapters,
      clock: systemClock,
      config: { renditions: renditionSpecs(e.UPLOAD_SIZES, e.UPLOAD_FORMATS) },
    },
    {
      dryRun: values['dry-run'],
      limit,
      restart: values.restart,
      progress: (line) => process.stdout.write(`${line}\n`),
    },
  );
  process.stdout.write(
    `${values['dry-run'] ? 'Dry run: ' : ''}${report.queued} upload(s) ${values['dry-run'] ? 'would be' : ''} queued, ` +
      `${report.upToDate} up to date, ${report.scanned} scanned; ` +
      `${report.done ? 'every upload has been walked' : 'run again to continue'} (checkpoint ${report.checkpoint}).\n`,
  );
} finally {
  await adapters.close();
}

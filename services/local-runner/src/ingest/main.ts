import { resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { openEmbeddedAdapters } from '@photo/shared/composition/embedded';
import { parseConfig } from '@photo/shared/config/parse-config';
import { galleryUserIdSchema } from '@photo/shared/domain/gallery';
import { createLogger } from '@photo/shared/http/logger';
import { systemClock } from '@photo/shared/ports/common';
import { localRunnerConfigSchema } from '../config';
import { EMBEDDED_IMAGES_BUCKET } from '../gallery-config';
import { ingestGalleryDirectory } from './ingest-gallery';

/**
 * `npm run gallery:ingest -- <dir> [--owner gu_…]`: copies a folder's images into the embedded images bucket under
 * the gallery prefix and announces each one as Cloud Storage would. The running system (same DATA_DIR) picks the
 * announcements up from the store's event bus and registers the images in the catalog.
 */
const { positionals, values } = parseArgs({ allowPositionals: true, options: { owner: { type: 'string' } } });
const dir = positionals[0];
if (!dir) {
  process.stderr.write('usage: npm run gallery:ingest -- <dir> [--owner <gallery user id>]\n');
  process.exit(2);
}
const owner = values.owner === undefined ? undefined : galleryUserIdSchema.parse(values.owner);
const config = parseConfig(localRunnerConfigSchema, process.env);
const logger = createLogger({ service: 'gallery-ingest', level: config.LOG_LEVEL });
const adapters = openEmbeddedAdapters({ dataDir: resolve(config.DATA_DIR), logger, clock: systemClock });
try {
  const result = await ingestGalleryDirectory(
    { ...adapters, clock: systemClock, bucket: EMBEDDED_IMAGES_BUCKET, prefix: config.GALLERY_PREFIX },
    resolve(dir),
    owner ? { ownerUserId: owner } : {},
  );
  process.stdout.write(
    `copied and announced ${result.copied.length}: ${result.copied.join(', ') || '-'}\n` +
      `already in the bucket ${result.skipped.length}: ${result.skipped.join(', ') || '-'}\n`,
  );
} finally {
  await adapters.close();
}

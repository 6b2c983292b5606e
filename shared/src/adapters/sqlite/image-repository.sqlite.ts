import { z } from 'zod';
import { IMAGE_KINDS, IMAGE_STATUSES, imageVariantSchema } from '../../domain/image';
import type { Image, ImageKind, ImageVariant, StoredVariant } from '../../domain/image';
import type { Page, PageRequest } from '../../ports/common';
import type {
  AddVersionResult,
  ImageFilter,
  ImageRepository,
  NewImage,
  NewVersion,
  StatusChange,
  StatusCounts,
  SwapResult,
  TimeBuckets,
} from '../../ports/image-repository.port';
import { date, ms, type SqliteDatabase } from './database';
import { decodeCursor, toPage } from './pagination';

/** The aliases map columns to the domain's names; the schemas check each row and turn ms into Dates. */
const IMAGE_COLUMNS = `image_id AS imageId, kind, owner_visitor_id AS ownerVisitorId, current_version AS currentVersion,
  served_variant AS servedVariant, status, status_reason AS statusReason, created_at AS createdAt,
  updated_at AS updatedAt`;
const SELECT_VARIANTS = `SELECT image_id AS imageId, version, variant, blob_key AS blobKey, content_type AS contentType,
  bytes, sha256, width, height, created_at AS createdAt FROM image_variants WHERE image_id = ?`;

type AddVariantResult = Awaited<ReturnType<ImageRepository['addVariant']>>;

const instant = z.number().int().transform(date);

const imageRow: z.ZodType<Image> = z.object({
  imageId: z.string(),
  kind: z.enum(IMAGE_KINDS),
  ownerVisitorId: z.string().nullable(),
  currentVersion: z.number().int(),
  servedVariant: imageVariantSchema,
  status: z.enum(IMAGE_STATUSES),
  statusReason: z.string().nullable(),
  createdAt: instant,
  updatedAt: instant,
});

const variantRow: z.ZodType<StoredVariant> = z.object({
  imageId: z.string(),
  version: z.number().int(),
  variant: imageVariantSchema,
  blobKey: z.string(),
  contentType: z.string(),
  bytes: z.number().int(),
  sha256: z.string(),
  width: z.number().int(),
  height: z.number().int(),
  createdAt: instant,
});

const statusRow: z.ZodType<StatusChange> = z.object({
  imageId: z.string(),
  version: z.number().int(),
  status: z.enum(IMAGE_STATUSES),
  reason: z.string().nullable(),
  at: instant,
});

const statements = (db: SqliteDatabase) => ({
  image: db.prepare(`SELECT ${IMAGE_COLUMNS} FROM images WHERE image_id = ?`),
  imageByCreationKey: db.prepare(`SELECT ${IMAGE_COLUMNS} FROM images WHERE creation_key = ?`),
  // Creation is idempotent by image id and by creation key: two racing creators both get the one image.
  insertImage: db.prepare(
    `INSERT INTO images (image_id, kind, owner_visitor_id, creation_key, status, created_at, updated_at)
     VALUES (@imageId, @kind, @ownerVisitorId, @creationKey, 'empty', @now, @now)
     ON CONFLICT DO NOTHING`,
  ),
  makeCurrent: db.prepare(
    `UPDATE images SET current_version = ?, served_variant = ?, status = 'uploaded', status_reason = NULL,
     updated_at = ? WHERE image_id = ?`,
  ),
  swap: db.prepare(
    'UPDATE images SET served_variant = ?, updated_at = ? WHERE image_id = ? AND current_version = ?',
  ),
  setStatus: db.prepare(
    `UPDATE images SET status = @status, status_reason = @reason, updated_at = @at
     WHERE image_id = @imageId AND current_version = @version`,
  ),
  variant: db.prepare(`${SELECT_VARIANTS} AND version = ? AND variant = ?`),
  versionByKey: db.prepare(
    'SELECT version, variant FROM image_variants WHERE image_id = ? AND idempotency_key = ?',
  ),
  variants: db.prepare(`${SELECT_VARIANTS} ORDER BY version, created_at, variant`),
  insertVariant: db.prepare(
    `INSERT INTO image_variants (image_id, version, variant, blob_key, content_type, bytes, sha256, width, height,
       created_at, idempotency_key)
     VALUES (@imageId, @version, @variant, @blobKey, @contentType, @bytes, @sha256, @width, @height, @createdAt, @key)
     ON CONFLICT (image_id, version, variant) DO NOTHING`,
  ),
  insertStatus: db.prepare(
    `INSERT INTO image_status_events (image_id, version, status, reason, at)
     VALUES (@imageId, @version, @status, @reason, @at)`,
  ),
  insertVersion: db.prepare(
    'INSERT INTO image_versions (image_id, version, kind, created_at) SELECT image_id, ?, kind, ? FROM images WHERE image_id = ?',
  ),
  statusCounts: db.prepare('SELECT status, COUNT(*) AS n FROM images WHERE kind = ? GROUP BY status'),
  versionCounts: db.prepare(
    `SELECT CAST((created_at - @from) / @width AS INTEGER) AS bucket, COUNT(*) AS n FROM image_versions
     WHERE kind = @kind AND created_at >= @from AND created_at < @to GROUP BY bucket`,
  ),
  firstVersionAt: db.prepare('SELECT MIN(created_at) FROM image_versions WHERE kind = ?').pluck(),
  changedSince: db.prepare(
    `SELECT ${IMAGE_COLUMNS} FROM images WHERE kind = ? AND updated_at >= ? ORDER BY updated_at, image_id LIMIT ?`,
  ),
  history: db.prepare(
    `SELECT image_id AS imageId, version, status, reason, at FROM image_status_events
     WHERE image_id = ? ORDER BY at, rowid`,
  ),
});

export class SqliteImageRepository implements ImageRepository {
  private readonly q: ReturnType<typeof statements>;

  constructor(private readonly db: SqliteDatabase) {
    this.q = statements(db);
  }

  async create(image: NewImage): Promise<Image> {
    this.q.insertImage.run({ ...image, now: ms(image.now) });
    const key = image.creationKey;
    const row = key === null ? this.q.image.get(image.imageId) : this.q.imageByCreationKey.get(key);
    return imageRow.parse(row);
  }

  async get(imageId: string): Promise<Image | null> {
    const row = this.q.image.get(imageId);
    return row === undefined ? null : imageRow.parse(row);
  }

  async addVersion(input: NewVersion): Promise<AddVersionResult> {
    const { imageId, idempotencyKey: key } = input;
    // Immediate: the version read and the writes that depend on it must not interleave with another writer.
    return this.db
      .transaction((): AddVersionResult => {
        const replayed =
          key === null
            ? undefined
            : (this.q.versionByKey.get(imageId, key) as
                { version: number; variant: ImageVariant } | undefined);
        if (replayed !== undefined)
          return this.result('replayed', imageId, replayed.version, replayed.variant);
        const current = this.q.image.get(imageId);
        if (current === undefined) return { outcome: 'not-found' };
        const { currentVersion } = imageRow.parse(current);
        if (currentVersion !== input.expectedVersion) return { outcome: 'conflict', currentVersion };
        const version = currentVersion + 1;
        const at = ms(input.now);
        const variant = input.variant ?? 'original';
        this.q.insertVariant.run({ ...input.original, imageId, version, variant, createdAt: at, key });
        this.q.makeCurrent.run(version, variant, at, imageId);
        this.q.insertVersion.run(version, at, imageId);
        this.q.insertStatus.run({ imageId, version, status: 'uploaded', reason: null, at });
        return this.result('created', imageId, version, variant);
      })
      .immediate();
  }

  async addVariant(variant: StoredVariant): Promise<AddVariantResult> {
    const { changes } = this.q.insertVariant.run({ ...variant, createdAt: ms(variant.createdAt), key: null });
    const stored = variantRow.parse(this.q.variant.get(variant.imageId, variant.version, variant.variant));
    return { outcome: changes === 1 ? 'created' : 'exists', variant: stored };
  }

  async getVariant(imageId: string, version: number, variant: ImageVariant): Promise<StoredVariant | null> {
    const row = this.q.variant.get(imageId, version, variant);
    return row === undefined ? null : variantRow.parse(row);
  }

  async listVariants(imageId: string): Promise<StoredVariant[]> {
    return this.q.variants.all(imageId).map((row) => variantRow.parse(row));
  }

  async swapServed(imageId: string, version: number, variant: ImageVariant, now: Date): Promise<SwapResult> {
    if (this.q.swap.run(variant, ms(now), imageId, version).changes === 1) return 'swapped';
    return this.q.image.get(imageId) === undefined ? 'not-found' : 'stale';
  }

  async setStatus(change: StatusChange): Promise<boolean> {
    const row = { ...change, at: ms(change.at) };
    return this.db
      .transaction(() => {
        if (this.q.setStatus.run(row).changes === 0) return false;
        this.q.insertStatus.run(row);
        return true;
      })
      .immediate();
  }

  async statusHistory(imageId: string): Promise<StatusChange[]> {
    return this.q.history.all(imageId).map((row) => statusRow.parse(row));
  }

  async list(filter: ImageFilter, page: PageRequest): Promise<Page<Image>> {
    const after = decodeCursor(page.after);
    const where = [
      // With an owner, its index is the narrow one: the unary + keeps SQLite from choosing the kind index.
      filter.kind === undefined ? null : `${filter.ownerVisitorId === undefined ? '' : '+'}kind = @kind`,
      filter.ownerVisitorId === undefined ? null : 'owner_visitor_id = @ownerVisitorId',
      after === null ? null : '(created_at, image_id) < (@at, @id)',
    ].filter((condition) => condition !== null);
    const images = this.db
      .prepare(
        `SELECT ${IMAGE_COLUMNS} FROM images ${where.length > 0 ? `WHERE ${where.join(' AND ')}` : ''}
         ORDER BY created_at DESC, image_id DESC LIMIT @limit`,
      )
      .all({ ...filter, ...after, limit: page.limit + 1 })
      .map((row) => imageRow.parse(row));
    return toPage(images, page.limit, (image) => ({ at: ms(image.createdAt), id: image.imageId }));
  }

  async changedSince(kind: ImageKind, since: Date, limit: number): Promise<Image[]> {
    return this.q.changedSince.all(kind, ms(since), limit).map((row) => imageRow.parse(row));
  }

  async countByStatus(kind: ImageKind): Promise<StatusCounts> {
    const counts = Object.fromEntries(IMAGE_STATUSES.map((s) => [s, 0])) as StatusCounts;
    for (const row of this.q.statusCounts.all(kind) as { status: keyof StatusCounts; n: number }[])
      counts[row.status] = row.n;
    return counts;
  }

  async countVersions(kind: ImageKind, buckets: TimeBuckets): Promise<number[]> {
    const from = ms(buckets.from);
    const counts = new Array<number>(buckets.count).fill(0);
    const rows = this.q.versionCounts.all({
      kind,
      from,
      width: buckets.widthMs,
      to: from + buckets.widthMs * buckets.count,
    }) as { bucket: number; n: number }[];
    for (const row of rows) counts[row.bucket] = row.n;
    return counts;
  }

  async firstVersionAt(kind: ImageKind): Promise<Date | null> {
    const first = this.q.firstVersionAt.get(kind) as number | null;
    return first === null ? null : date(first);
  }

  private result(
    outcome: 'created' | 'replayed',
    imageId: string,
    version: number,
    variant: ImageVariant,
  ): AddVersionResult {
    const image = imageRow.parse(this.q.image.get(imageId));
    return { outcome, image, variant: variantRow.parse(this.q.variant.get(imageId, version, variant)) };
  }
}

import {
  IMAGE_STATUSES,
  type Image,
  type ImageKind,
  type ImageVariant,
  type StoredVariant,
} from '../../domain/image';
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
import { imageRecord, statusChangeRecord, variantRecord } from '../records/images';
import { parsedOrNull } from '../records/stored';
import { date, ms, type SqliteDatabase } from './database';
import { decodeCursor, toPage } from '../records/keyset-page';
import { columns, insertInto, row } from './rows';

const IMAGE_COLUMNS = columns(imageRecord);
const SELECT_VARIANTS = `SELECT ${columns(variantRecord)} FROM image_variants WHERE image_id = ?`;

type AddVariantResult = Awaited<ReturnType<ImageRepository['addVariant']>>;

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
    `${insertInto('image_variants', [...Object.keys(variantRecord.shape), 'idempotencyKey'])}
     ON CONFLICT (image_id, version, variant) DO NOTHING`,
  ),
  insertStatus: db.prepare(insertInto('image_status_events', statusChangeRecord)),
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
    `SELECT ${columns(statusChangeRecord)} FROM image_status_events WHERE image_id = ? ORDER BY at, rowid`,
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
    return imageRecord.parse(
      key === null ? this.q.image.get(image.imageId) : this.q.imageByCreationKey.get(key),
    );
  }

  async get(imageId: string): Promise<Image | null> {
    return parsedOrNull(imageRecord, this.q.image.get(imageId));
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
        const { currentVersion } = imageRecord.parse(current);
        if (currentVersion !== input.expectedVersion) return { outcome: 'conflict', currentVersion };
        const version = currentVersion + 1;
        const at = input.now;
        const variant = input.variant ?? 'original';
        this.q.insertVariant.run(
          row({ ...input.original, imageId, version, variant, createdAt: at, idempotencyKey: key }),
        );
        this.q.makeCurrent.run(version, variant, ms(at), imageId);
        this.q.insertVersion.run(version, ms(at), imageId);
        this.q.insertStatus.run(row({ imageId, version, status: 'uploaded', reason: null, at }));
        return this.result('created', imageId, version, variant);
      })
      .immediate();
  }

  async addVariant(variant: StoredVariant): Promise<AddVariantResult> {
    const { changes } = this.q.insertVariant.run(row({ ...variant, idempotencyKey: null }));
    const stored = variantRecord.parse(this.q.variant.get(variant.imageId, variant.version, variant.variant));
    return { outcome: changes === 1 ? 'created' : 'exists', variant: stored };
  }

  async getVariant(imageId: string, version: number, variant: ImageVariant): Promise<StoredVariant | null> {
    return parsedOrNull(variantRecord, this.q.variant.get(imageId, version, variant));
  }

  async listVariants(imageId: string): Promise<StoredVariant[]> {
    return this.q.variants.all(imageId).map((r) => variantRecord.parse(r));
  }

  async swapServed(imageId: string, version: number, variant: ImageVariant, now: Date): Promise<SwapResult> {
    if (this.q.swap.run(variant, ms(now), imageId, version).changes === 1) return 'swapped';
    return this.q.image.get(imageId) === undefined ? 'not-found' : 'stale';
  }

  async setStatus(change: StatusChange): Promise<boolean> {
    const params = row(change);
    return this.db
      .transaction(() => {
        if (this.q.setStatus.run(params).changes === 0) return false;
        this.q.insertStatus.run(params);
        return true;
      })
      .immediate();
  }

  async statusHistory(imageId: string): Promise<StatusChange[]> {
    return this.q.history.all(imageId).map((r) => statusChangeRecord.parse(r));
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
      .map((r) => imageRecord.parse(r));
    return toPage(images, page.limit, (image) => ({ at: ms(image.createdAt), id: image.imageId }));
  }

  async changedSince(kind: ImageKind, since: Date, limit: number): Promise<Image[]> {
    return this.q.changedSince.all(kind, ms(since), limit).map((r) => imageRecord.parse(r));
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
    const image = imageRecord.parse(this.q.image.get(imageId));
    return { outcome, image, variant: variantRecord.parse(this.q.variant.get(imageId, version, variant)) };
  }
}

import type { Image, ImageKind, ImageStatus, ImageVariant, StoredVariant } from '../domain/image';
import type { Page, PageRequest } from './common';

export interface NewImage {
  imageId: string;
  kind: ImageKind;
  ownerVisitorId: string | null;
  /** A second create with the same key, or the same image id, returns the first image. */
  creationKey: string | null;
  now: Date;
}

export interface NewVersion {
  imageId: string;
  /** The version the caller saw and means to replace (0 when there is none yet): compare-and-swap. */
  expectedVersion: number;
  /** A retry carrying the same key gets the version the first attempt made, and no second one. */
  idempotencyKey: string | null;
  /** The version's bytes as stored. */
  original: Omit<StoredVariant, 'imageId' | 'version' | 'variant' | 'createdAt'>;
  /** What they are recorded (and first served) as: 'original' for uploads; a look's one version is 'processed'. */
  variant?: ImageVariant;
  now: Date;
}

export type AddVersionResult =
  | { outcome: 'created'; image: Image; variant: StoredVariant }
  | { outcome: 'replayed'; image: Image; variant: StoredVariant }
  | { outcome: 'conflict'; currentVersion: number }
  | { outcome: 'not-found' };

export type SwapResult = 'swapped' | 'stale' | 'not-found';

export interface StatusChange {
  imageId: string;
  version: number;
  status: ImageStatus;
  reason: string | null;
  at: Date;
}

/** How many images are in each status. */
export type StatusCounts = Record<ImageStatus, number>;

/** Consecutive windows of time, `count` of them, each `widthMs` long, the first starting at `from`. */
export interface TimeBuckets {
  from: Date;
  widthMs: number;
  count: number;
}

export interface ImageFilter {
  kind?: ImageKind;
  ownerVisitorId?: string;
}

/** Images, their versions and variants, and their status history. */
export interface ImageRepository {
  create(image: NewImage): Promise<Image>;
  get(imageId: string): Promise<Image | null>;
  /** Atomic: idempotency lookup, then version check, then the new version's original becomes current and served. */
  addVersion(input: NewVersion): Promise<AddVersionResult>;
  /** Records a derived variant; idempotent (a second record of the same variant keeps the first). */
  addVariant(variant: StoredVariant): Promise<{ outcome: 'created' | 'exists'; variant: StoredVariant }>;
  getVariant(imageId: string, version: number, variant: ImageVariant): Promise<StoredVariant | null>;
  listVariants(imageId: string): Promise<StoredVariant[]>;
  /** New URLs of the image serve `variant` of `version`, unless a newer version has arrived meanwhile. */
  swapServed(imageId: string, version: number, variant: ImageVariant, now: Date): Promise<SwapResult>;
  /** Records a status of `version`; ignored (false) when the version is no longer current. */
  setStatus(change: StatusChange): Promise<boolean>;
  statusHistory(imageId: string): Promise<StatusChange[]>;
  /** Newest first. */
  list(filter: ImageFilter, page: PageRequest): Promise<Page<Image>>;
  /**
   * Images of `kind` whose record changed (a status, a swap, a new version) at or after `since`, oldest change first
   * (ties by id), at most `limit`: what the operators' live stream sends.
   */
  changedSince(kind: ImageKind, since: Date, limit: number): Promise<Image[]>;
  /** How many images of `kind` are in each status (every status present, 0 when none). */
  countByStatus(kind: ImageKind): Promise<StatusCounts>;
  /** How many versions of images of `kind` were uploaded in each bucket (a replayed upload counts once). */
  countVersions(kind: ImageKind, buckets: TimeBuckets): Promise<number[]>;
  /** When the first version of an image of `kind` was uploaded; null before any was. */
  firstVersionAt(kind: ImageKind): Promise<Date | null>;
}

import {
  FieldPath,
  type CollectionReference,
  type DocumentReference,
  type Firestore,
  type Query,
} from '@google-cloud/firestore';
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
import { collectionName, createdOnce, hashedId, type FirestoreAdapterOptions } from './documents';
import {
  creationKeyDoc,
  imageDoc,
  newImageDoc,
  statusEventId,
  toImage,
  variantId,
  versionKeyDoc,
  versionLogDoc,
} from './image-documents';
import { newestFirstPage } from './pagination';

type AddVariantResult = Awaited<ReturnType<ImageRepository['addVariant']>>;

/**
 * Images in Firestore; the document layout is in image-documents.ts. Everything that reads the current version and
 * writes depending on it (addVersion, swapServed, setStatus) is one transaction over the image document.
 */
export class FirestoreImageRepository implements ImageRepository {
  private readonly images: CollectionReference;
  private readonly creationKeys: CollectionReference;
  private readonly versions: CollectionReference;

  constructor(
    private readonly db: Firestore,
    options?: FirestoreAdapterOptions,
  ) {
    this.images = db.collection(collectionName(options, 'images'));
    this.creationKeys = db.collection(collectionName(options, 'imageCreationKeys'));
    this.versions = db.collection(collectionName(options, 'imageVersions'));
  }

  /** Idempotent by image id and by creation key; an image id reused under another creation key fails loudly. */
  async create(image: NewImage): Promise<Image> {
    const key = image.creationKey;
    const keyRef = key === null ? null : this.creationKeys.doc(hashedId(key));
    const imageRef = this.images.doc(image.imageId);
    return this.db.runTransaction(async (tx) => {
      const [existing, byKey] = await tx.getAll(...(keyRef === null ? [imageRef] : [imageRef, keyRef]));
      if (byKey?.exists) {
        const firstId = creationKeyDoc.parse(byKey.data()).imageId;
        const first = firstId === image.imageId ? existing : await tx.get(this.images.doc(firstId));
        return toImage(first?.data());
      }
      if (existing?.exists) {
        if (key !== null && imageDoc.parse(existing.data()).creationKey !== key) {
          throw new Error(`image ${image.imageId} exists under another creation key`);
        }
        return toImage(existing.data());
      }
      const doc = newImageDoc(image);
      tx.create(imageRef, doc);
      if (keyRef !== null) tx.create(keyRef, { imageId: image.imageId });
      return toImage(doc);
    });
  }

  async get(imageId: string): Promise<Image | null> {
    return parsedOrNull(imageRecord, (await this.images.doc(imageId).get()).data());
  }

  /**
   * One transaction: the idempotency key and the image are read together, then the version is checked, and the
   * variant, the key, the image's new current version and its status event are written in the same commit.
   */
  async addVersion(input: NewVersion): Promise<AddVersionResult> {
    const { imageId, idempotencyKey: key } = input;
    const imageRef = this.images.doc(imageId);
    const keyRef = key === null ? null : imageRef.collection('versionKeys').doc(hashedId(key));
    return this.db.runTransaction(async (tx): Promise<AddVersionResult> => {
      const [imageSnapshot, keySnapshot] = await tx.getAll(
        ...(keyRef === null ? [imageRef] : [imageRef, keyRef]),
      );
      if (!imageSnapshot?.exists) return { outcome: 'not-found' };
      const image = imageDoc.parse(imageSnapshot.data());
      if (keySnapshot?.exists) {
        const replayed = versionKeyDoc.parse(keySnapshot.data());
        const variant = await tx.get(this.variantRef(imageId, replayed.version, replayed.variant));
        return {
          outcome: 'replayed',
          image: toImage(imageSnapshot.data()),
          variant: variantRecord.parse(variant.data()),
        };
      }
      if (image.currentVersion !== input.expectedVersion) {
        return { outcome: 'conflict', currentVersion: image.currentVersion };
      }
      const version = image.currentVersion + 1;
      const variant: StoredVariant = {
        ...input.original,
        imageId,
        version,
        variant: input.variant ?? 'original',
        createdAt: input.now,
      };
      const seq = image.statusEvents;
      const made = {
        currentVersion: version,
        servedVariant: variant.variant,
        status: 'uploaded' as const,
        statusReason: null,
        updatedAt: input.now,
      };
      tx.create(this.variantRef(imageId, version, variant.variant), variant);
      if (keyRef !== null) tx.create(keyRef, { version, variant: variant.variant });
      tx.update(imageRef, { ...made, statusEvents: seq + 1 });
      tx.create(this.versions.doc(`${imageId}-${version}`), {
        imageId,
        version,
        kind: image.kind,
        createdAt: input.now,
      });
      tx.create(this.statusRef(imageRef, seq), {
        imageId,
        version,
        status: 'uploaded',
        reason: null,
        at: input.now,
      } satisfies StatusChange);
      return { outcome: 'created', image: { ...toImage(imageSnapshot.data()), ...made }, variant };
    });
  }

  /** create() carries the precondition "does not exist": of two recorders, the second reads back the first. */
  async addVariant(variant: StoredVariant): Promise<AddVariantResult> {
    const ref = this.variantRef(variant.imageId, variant.version, variant.variant);
    if (await createdOnce(ref, variant)) return { outcome: 'created', variant };
    return { outcome: 'exists', variant: variantRecord.parse((await ref.get()).data()) };
  }

  async getVariant(imageId: string, version: number, variant: ImageVariant): Promise<StoredVariant | null> {
    return parsedOrNull(variantRecord, (await this.variantRef(imageId, version, variant).get()).data());
  }

  /** Ordered by version, then creation, then variant name, like the embedded adapter; an image has a handful. */
  async listVariants(imageId: string): Promise<StoredVariant[]> {
    const { docs } = await this.images.doc(imageId).collection('variants').get();
    return docs
      .map((doc) => variantRecord.parse(doc.data()))
      .sort(
        (a, b) =>
          a.version - b.version ||
          a.createdAt.getTime() - b.createdAt.getTime() ||
          (a.variant < b.variant ? -1 : a.variant > b.variant ? 1 : 0),
      );
  }

  async swapServed(imageId: string, version: number, variant: ImageVariant, now: Date): Promise<SwapResult> {
    const imageRef = this.images.doc(imageId);
    return this.db.runTransaction(async (tx): Promise<SwapResult> => {
      const snapshot = await tx.get(imageRef);
      if (!snapshot.exists) return 'not-found';
      if (imageDoc.parse(snapshot.data()).currentVersion !== version) return 'stale';
      tx.update(imageRef, { servedVariant: variant, updatedAt: now });
      return 'swapped';
    });
  }

  async setStatus(change: StatusChange): Promise<boolean> {
    const imageRef = this.images.doc(change.imageId);
    return this.db.runTransaction(async (tx) => {
      const snapshot = await tx.get(imageRef);
      if (!snapshot.exists) return false;
      const image = imageDoc.parse(snapshot.data());
      if (image.currentVersion !== change.version) return false;
      tx.update(imageRef, {
        status: change.status,
        statusReason: change.reason,
        statusEvents: image.statusEvents + 1,
        updatedAt: change.at,
      });
      tx.create(this.statusRef(imageRef, image.statusEvents), change);
      return true;
    });
  }

  /** Oldest first by `at`; events recorded at the same instant keep their recording order. */
  async statusHistory(imageId: string): Promise<StatusChange[]> {
    const { docs } = await this.images.doc(imageId).collection('statusEvents').get();
    return docs
      .map((doc) => statusChangeRecord.parse(doc.data()))
      .sort((a, b) => a.at.getTime() - b.at.getTime());
  }

  /** Served by the composite indexes on (kind | ownerVisitorId | both, createdAt DESC) in infra/firestore.indexes.json. */
  async list(filter: ImageFilter, page: PageRequest): Promise<Page<Image>> {
    let query: Query = this.images;
    if (filter.kind !== undefined) query = query.where('kind', '==', filter.kind);
    if (filter.ownerVisitorId !== undefined)
      query = query.where('ownerVisitorId', '==', filter.ownerVisitorId);
    return newestFirstPage(query, 'createdAt', page, toImage);
  }

  /** One count() per status, in parallel, over the composite index (kind, status) in infra/firestore.indexes.json. */
  async countByStatus(kind: ImageKind): Promise<StatusCounts> {
    const byKind = this.images.where('kind', '==', kind);
    const counts = await Promise.all(
      IMAGE_STATUSES.map(async (s) => [
        s,
        (await byKind.where('status', '==', s).count().get()).data().count,
      ]),
    );
    return Object.fromEntries(counts) as StatusCounts;
  }

  /** One count() per bucket, in parallel, over the composite index (kind, createdAt) of imageVersions. */
  async countVersions(kind: ImageKind, buckets: TimeBuckets): Promise<number[]> {
    const byKind = this.versions.where('kind', '==', kind);
    const start = buckets.from.getTime();
    return Promise.all(
      Array.from({ length: buckets.count }, async (_, i) => {
        const from = new Date(start + i * buckets.widthMs);
        const to = new Date(start + (i + 1) * buckets.widthMs);
        const query = byKind.where('createdAt', '>=', from).where('createdAt', '<', to);
        return (await query.count().get()).data().count;
      }),
    );
  }

  async firstVersionAt(kind: ImageKind): Promise<Date | null> {
    const { docs } = await this.versions.where('kind', '==', kind).orderBy('createdAt').limit(1).get();
    return docs[0] === undefined ? null : versionLogDoc.parse(docs[0].data()).createdAt;
  }

  /** Served by the composite index on (kind, updatedAt) in infra/firestore.indexes.json. */
  async changedSince(kind: ImageKind, since: Date, limit: number): Promise<Image[]> {
    const { docs } = await this.images
      .where('kind', '==', kind)
      .where('updatedAt', '>=', since)
      .orderBy('updatedAt')
      .orderBy(FieldPath.documentId())
      .limit(limit)
      .get();
    return docs.map((doc) => toImage(doc.data()));
  }

  private variantRef(imageId: string, version: number, variant: ImageVariant): DocumentReference {
    return this.images.doc(imageId).collection('variants').doc(variantId(version, variant));
  }

  private statusRef(imageRef: DocumentReference, seq: number): DocumentReference {
    return imageRef.collection('statusEvents').doc(statusEventId(seq));
  }
}

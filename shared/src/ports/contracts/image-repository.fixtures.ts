import { newImageId, newVisitorId } from '../../domain/ids';
import type { ImageKind, StoredVariant } from '../../domain/image';
import type { ImageRepository, NewVersion } from '../image-repository.port';

const T0 = Date.parse('2025-06-01T10:00:00.000Z');
export const at = (seconds: number): Date => new Date(T0 + seconds * 1000);

export const original = (tag = 'a'): NewVersion['original'] => ({
  blobKey: `originals/blob-${tag}`,
  contentType: 'image/jpeg',
  bytes: 1234,
  sha256: `sha-${tag}`,
  width: 640,
  height: 480,
});

/** An upload that replaces `expectedVersion`, at 10 s + expectedVersion. */
export const version = (
  imageId: string,
  expectedVersion: number,
  overrides: Partial<NewVersion> = {},
): NewVersion => ({
  imageId,
  expectedVersion,
  idempotencyKey: null,
  original: original(`${imageId}-${expectedVersion + 1}`),
  now: at(10 + expectedVersion),
  ...overrides,
});

export const derived = (
  imageId: string,
  v: number,
  variant: StoredVariant['variant'],
  tag = 'x',
): StoredVariant => ({
  ...original(tag),
  blobKey: `derived/${imageId}/v${v}/${variant}-${tag}`,
  imageId,
  version: v,
  variant,
  createdAt: at(50),
});

export interface NewImageOptions {
  kind?: ImageKind;
  owner?: string | null;
  key?: string | null;
  now?: Date;
}

/** Steps the image contract tests share; `repo` is read at call time, as each test gets a fresh one. */
export function imageSteps(repo: () => ImageRepository) {
  const createImage = async (options: NewImageOptions = {}) =>
    repo().create({
      imageId: newImageId(),
      kind: options.kind ?? 'participant-photo',
      ownerVisitorId: options.owner === undefined ? newVisitorId() : options.owner,
      creationKey: options.key ?? null,
      now: options.now ?? at(0),
    });
  /** A new image with `versions` uploads; its id. */
  const uploaded = async (versions = 1) => {
    const image = await createImage();
    for (let v = 0; v < versions; v++) await repo().addVersion(version(image.imageId, v));
    return image.imageId;
  };
  return { createImage, uploaded };
}

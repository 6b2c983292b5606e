import type { Image, StoredVariant } from '@photo/shared/domain/image';

/** JSON shapes of images on the wire: ISO dates, no storage keys. */
export const toImageView = (image: Image) => ({
  imageId: image.imageId,
  kind: image.kind,
  ownerVisitorId: image.ownerVisitorId,
  currentVersion: image.currentVersion,
  servedVariant: image.servedVariant,
  status: image.status,
  statusReason: image.statusReason,
  createdAt: image.createdAt.toISOString(),
  updatedAt: image.updatedAt.toISOString(),
});

export const toVariantView = (variant: StoredVariant) => ({
  version: variant.version,
  variant: variant.variant,
  contentType: variant.contentType,
  bytes: variant.bytes,
  sha256: variant.sha256,
  width: variant.width,
  height: variant.height,
  createdAt: variant.createdAt.toISOString(),
});

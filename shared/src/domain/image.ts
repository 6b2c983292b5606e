/**
 * An image has successive versions (a staff re-shoot, an operator re-upload). Each version has variants:
 * the original as uploaded, and what the colour pipeline derives from it (clustered, generated, processed).
 * One variant of the current version is "served": new one-time URLs of the image point at it.
 */
/** A participant's photo, an operator's event image, or a look: a recolouring made for one participant. */
export const IMAGE_KINDS = ['participant-photo', 'event', 'look'] as const;
export type ImageKind = (typeof IMAGE_KINDS)[number];

export const IMAGE_VARIANTS = ['original', 'clustered', 'generated', 'processed'] as const;
export type ImageVariant = (typeof IMAGE_VARIANTS)[number];

export const IMAGE_STATUSES = [
  'empty',
  'uploaded',
  'clustering',
  'clustered',
  'generating',
  'generated',
  'processed',
  'failed',
] as const;
export type ImageStatus = (typeof IMAGE_STATUSES)[number];

export interface Image {
  imageId: string;
  kind: ImageKind;
  /** The participant who may see this image, if any. Event images are visible to staff and operators only. */
  ownerVisitorId: string | null;
  /** 0 until the first upload. */
  currentVersion: number;
  servedVariant: ImageVariant;
  status: ImageStatus;
  statusReason: string | null;
  createdAt: Date;
  updatedAt: Date;
}

export interface StoredVariant {
  imageId: string;
  version: number;
  variant: ImageVariant;
  blobKey: string;
  contentType: string;
  bytes: number;
  /** Hex sha256 of the bytes: the strong ETag of the variant. */
  sha256: string;
  width: number;
  height: number;
  createdAt: Date;
}

export interface ImageVersionRef {
  imageId: string;
  version: number;
  variant: ImageVariant;
}

/** The blob key of a variant. Originals and derivatives live under different prefixes so derivatives never re-trigger. */
export function variantBlobKey(imageId: string, version: number, variant: ImageVariant, blobId: string): string {
  const prefix = variant === 'original' ? 'originals' : 'derived';
  return `${prefix}/${imageId}/v${version}/${variant}-${blobId}`;
}

/** Later pipeline stages outrank earlier ones: a redelivered earlier result never replaces what a later one serves. */
export function variantRank(variant: ImageVariant): number {
  return IMAGE_VARIANTS.indexOf(variant);
}

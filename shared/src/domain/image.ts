import { z } from 'zod';

/**
 * An image has successive versions (a staff re-shoot, an operator re-upload). Each version has variants:
 * the original as uploaded, and what the colour pipeline derives from it (clustered, generated, processed).
 * One variant of the current version is "served": new one-time URLs of the image point at it.
 */
/** A participant's photo, an operator's event image, or a look: a recolouring made for one participant. */
export const IMAGE_KINDS = ['participant-photo', 'event', 'look'] as const;
export type ImageKind = (typeof IMAGE_KINDS)[number];

export const IMAGE_VARIANTS = ['original', 'clustered', 'generated', 'processed'] as const;
/** A stage of the pipeline: what an image can serve. */
export type PipelineVariant = (typeof IMAGE_VARIANTS)[number];

/**
 * A rendition: the original resized to fit `r{longest side}` and encoded as JPEG, WebP or AVIF (`r1024-webp`). The
 * upload pipeline records them beside the pipeline's variants so one-time links serve them the same way; they are
 * never swapped in as what an image serves.
 */
export const RENDITION_FORMATS = ['jpeg', 'webp', 'avif'] as const;
export type RenditionFormat = (typeof RENDITION_FORMATS)[number];
export type RenditionVariant = `r${number}-${RenditionFormat}`;
export const RENDITION_PATTERN = /^r[1-9][0-9]{1,4}-(jpeg|webp|avif)$/;
export const renditionName = (maxSide: number, format: RenditionFormat): RenditionVariant =>
  `r${maxSide}-${format}`;

export type ImageVariant = PipelineVariant | RenditionVariant;

export const renditionVariantSchema = z
  .templateLiteral(['r', z.number().int(), '-', z.enum(RENDITION_FORMATS)])
  .refine((v) => RENDITION_PATTERN.test(v), 'must be a rendition such as r1024-webp');

/** Every variant name a row, an event or a request may carry. */
export const imageVariantSchema = z.union([z.enum(IMAGE_VARIANTS), renditionVariantSchema]);

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

/**
 * The blob key of a variant. Originals and derivatives live under different prefixes so derivatives never re-trigger.
 * `name` is a fresh blob id for an upload, and for a derivative what it is made from (palette, algorithm version), so a
 * redelivered job writes the same key again.
 */
export function variantBlobKey(
  imageId: string,
  version: number,
  variant: ImageVariant,
  name: string,
): string {
  const prefix = variant === 'original' ? 'originals' : 'derived';
  return `${prefix}/${imageId}/v${version}/${variant}-${name}`;
}

/** Later pipeline stages outrank earlier ones: a redelivered earlier result never replaces what a later one serves. */
export function variantRank(variant: ImageVariant): number {
  // A rendition ranks below every stage (-1): it is never what an image serves.
  return IMAGE_VARIANTS.indexOf(variant as PipelineVariant);
}

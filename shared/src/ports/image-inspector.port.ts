export const ACCEPTED_IMAGE_TYPES = [
  'image/jpeg',
  'image/png',
  'image/webp',
  'image/avif',
  'image/heic',
] as const;
export type AcceptedImageType = (typeof ACCEPTED_IMAGE_TYPES)[number];

export interface InspectedImage {
  contentType: AcceptedImageType;
  width: number;
  height: number;
}

export interface InspectionLimits {
  maxPixels: number;
  allowedTypes: readonly string[];
}

/** Decides whether a file is a whole, decodable, acceptable image, by its bytes and never by its name or header. */
export interface ImageInspector {
  /**
   * Reads the file at `path`: detects the format from the data (magic bytes), checks the pixel count before
   * decoding (decompression bombs), then decodes every pixel (truncated or corrupt data fails). Throws AppError
   * IMAGE.INVALID, IMAGE.TOO_MANY_PIXELS or IMAGE.TYPE_NOT_ALLOWED.
   */
  inspect(path: string, limits: InspectionLimits): Promise<InspectedImage>;
}

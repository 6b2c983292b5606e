/**
 * Takes the personal metadata out of an image before anyone is served it: EXIF (GPS, camera, capture time), XMP,
 * IPTC and comments. What the metadata meant for display is kept: the orientation is applied to the pixels and the
 * colour profile stays.
 */
export interface ImageSanitizer {
  /**
   * Writes the image at `input` without personal metadata to `output` and answers its content type (the input's,
   * except for a format that cannot be written here, which becomes JPEG). Answers null and writes nothing when the
   * image carries no such metadata and is upright already: its bytes can be served as they are.
   */
  stripMetadata(input: string, output: string, limits: { maxPixels: number }): Promise<string | null>;
}

import type { RenditionFormat, RenditionVariant } from '../domain/image';
import type { UploadMetadata } from '../domain/upload';

export interface RenditionSpec {
  variant: RenditionVariant;
  /** The longest side fits this; a smaller image is never enlarged. */
  maxSide: number;
  format: RenditionFormat;
}

export interface RenditionFile extends RenditionSpec {
  path: string;
  contentType: string;
  width: number;
  height: number;
  bytes: number;
}

/** The pixel work of the upload pipeline (sharp in production): reading metadata and making renditions. */
export interface UploadImaging {
  /** Dimensions after auto-orientation, format, orientation, EXIF capture time and camera, without decoding pixels. */
  describe(path: string): Promise<UploadMetadata>;
  /**
   * Writes every rendition of the image at `path` (in parallel): auto-oriented, fitted inside `maxSide`, never
   * enlarged, sRGB, and with no metadata at all (EXIF, GPS, XMP, IPTC are dropped). `pathOf` names each output file.
   * `written`, if given, runs as soon as each file is complete (storing it while the others are still encoding); the
   * call resolves once every file and every `written` is done.
   */
  renditions(
    path: string,
    specs: RenditionSpec[],
    pathOf: (spec: RenditionSpec) => string,
    limits: { maxPixels: number },
    written?: (file: RenditionFile) => Promise<void>,
  ): Promise<RenditionFile[]>;
}

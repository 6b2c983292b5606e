import type { ArtworkPanel } from '../colour/artwork';
import type { Lab } from '../domain/palette';
import type { ImageClusterer } from './image-clusterer.port';

export interface PixelLimits {
  /** Images with more pixels are refused before decoding. */
  maxPixels: number;
}

/** An image file placed over the rendered canvas, resized to cover the box (an artwork's panel). */
export interface Overlay extends ArtworkPanel {
  path: string;
}

/**
 * The pixel work of the colour pipeline (sharp in production). Inputs and outputs are files, so a worker holds
 * rows of pixels at a time rather than whole images: memory stays bounded for 24 MP inputs. `clusterToPng` (from
 * ImageClusterer) is a whole clustering in one call, so the adapter can run it on other threads.
 */
export interface ColourImaging extends ImageClusterer {
  /** The image, auto-oriented and shrunk to fit `maxSide`, as packed Lab triplets: what k-means is fitted on. */
  sampleLab(
    path: string,
    maxSide: number,
    limits: PixelLimits,
  ): Promise<{ lab: Float32Array; width: number; height: number }>;
  /**
   * Streams every pixel of the image (auto-oriented, alpha flattened, shrunk to fit `maxSide` if given) through `map`,
   * which rewrites packed RGB triplets in place, and writes the result to `dest` as PNG (lossless, so mapped colours
   * stay exact). `map` always receives whole pixels.
   */
  mapPixelsToPng(
    path: string,
    dest: string,
    map: (rgb: Uint8Array) => void,
    options: PixelLimits & { maxSide?: number },
  ): Promise<{ width: number; height: number }>;
  /** Renders an SVG document, composites the overlays on it, and writes `dest` as PNG or JPEG. */
  renderComposition(
    svg: string,
    overlays: Overlay[],
    dest: string,
    format: 'png' | 'jpeg',
  ): Promise<{ width: number; height: number; contentType: string }>;
  /** Dimensions of an image file after auto-orientation, without decoding pixels. */
  dimensions(path: string): Promise<{ width: number; height: number }>;
}

export type { Lab };

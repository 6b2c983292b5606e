import type { Lab, Rgb } from '../domain/palette';

export interface ClusterRequest {
  /** The image file to cluster. */
  source: string;
  /** Where the clustered image is written, as PNG. */
  dest: string;
  /** Colours in the palette at most. */
  k: number;
  /** k-means is fitted on a copy shrunk to fit this side (see SAMPLE_SIDE in docs/configuration.md). */
  sampleSide: number;
  /** Images with more pixels are refused before decoding. */
  maxPixels: number;
}

export interface ClusterResult {
  /** At most k distinct colours, in k-means' order. */
  centroids: Lab[];
  /** Each centroid in 8-bit sRGB: what the clustered image is painted with. */
  rgbs: Rgb[];
  /** Pixels of the full image mapped to each centroid, in the same order. */
  counts: number[];
  width: number;
  height: number;
}

/**
 * The CPU-heavy half of clustering: a palette fitted on a sample of the image, and the whole image mapped to it and
 * written as PNG. One call, so it can run off the thread that serves requests (a worker-thread pool) or on it.
 */
export interface ImageClusterer {
  clusterToPng(request: ClusterRequest): Promise<ClusterResult>;
  /** Waits for the work in flight and releases the threads; later calls fail. */
  close(): Promise<void>;
}

import type { ColourImaging } from '../ports/colour-imaging.port';
import type { ClusterRequest, ClusterResult } from '../ports/image-clusterer.port';
import { kmeansLab } from './kmeans';
import { labToRgb } from './lab';
import { NearestColour } from './nearest-colour';

/**
 * Samples the image, fits its palette (k-means in Lab) and writes the image with every pixel replaced by its nearest
 * centroid: the same steps whichever thread runs them.
 */
export async function clusterImage(imaging: ColourImaging, request: ClusterRequest): Promise<ClusterResult> {
  const limits = { maxPixels: request.maxPixels };
  const sample = await imaging.sampleLab(request.source, request.sampleSide, limits);
  const { centroids } = kmeansLab(sample.lab, request.k);
  const rgbs = centroids.map(([L, a, b]) => labToRgb(L, a, b));
  const nearest = new NearestColour(centroids, rgbs);
  const counts = new Float64Array(centroids.length);
  const { width, height } = await imaging.mapPixelsToPng(
    request.source,
    request.dest,
    (rgb) => nearest.mapRgbInPlace(rgb, counts),
    limits,
  );
  return { centroids, rgbs, counts: [...counts], width, height };
}

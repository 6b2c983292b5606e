import type { Lab, Rgb } from '../domain/palette';
import type { ColourImaging } from '../ports/colour-imaging.port';
import type { ClusterRequest, ClusterResult } from '../ports/image-clusterer.port';
import { kmeansLab } from './kmeans';
import { labToRgb } from './lab';
import { NearestColour } from './nearest-colour';

/**
 * Samples the image, fits its palette (k-means in Lab) and writes the image with every pixel replaced by its nearest
 * centroid: the same steps whichever thread runs them.
 *
 * The full-size decode starts before the k-means, so the decoder's threads work while this one fits the palette. No
 * pixel can reach the mapping before the palette exists: the k-means runs without yielding, and the decoded pixels
 * only come back through the event loop after it.
 */
export async function clusterImage(imaging: ColourImaging, request: ClusterRequest): Promise<ClusterResult> {
  const limits = { maxPixels: request.maxPixels };
  const sample = await imaging.sampleLab(request.source, request.sampleSide, limits);
  let nearest: NearestColour | undefined;
  const counts = new Float64Array(request.k);
  const written = imaging.mapPixelsToPng(
    request.source,
    request.dest,
    (rgb) => {
      if (!nearest) throw new Error('pixels arrived before the palette was fitted');
      nearest.mapRgbInPlace(rgb, counts);
    },
    limits,
  );
  let centroids: Lab[];
  let rgbs: Rgb[];
  try {
    centroids = kmeansLab(sample.lab, request.k).centroids;
    rgbs = centroids.map(([L, a, b]) => labToRgb(L, a, b));
    nearest = new NearestColour(centroids, rgbs);
  } catch (err) {
    await written.catch(() => undefined); // it fails without a palette and removes what it wrote
    throw err;
  }
  const { width, height } = await written;
  return { centroids, rgbs, counts: [...counts.subarray(0, centroids.length)], width, height };
}

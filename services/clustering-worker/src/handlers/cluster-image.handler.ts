import { eventHandler, rejected } from '@photo/shared/bus/event-handler';
import { KMEANS_ALGORITHM } from '@photo/shared/colour/kmeans';
import { paletteIdFor, toHex, type PaletteColour } from '@photo/shared/domain/palette';
import { imageUploaded } from '@photo/shared/events/catalog';
import { runDerivativeJob, type DerivativeJobDeps } from '@photo/shared/pipeline/derivative-job';
import { runImageJob } from '@photo/shared/pipeline/image-job';
import type { ColourImaging } from '@photo/shared/ports/colour-imaging.port';
import type { PaletteRepository } from '@photo/shared/ports/palette-repository.port';

export interface ClusteringDeps extends Omit<DerivativeJobDeps, 'tmpDir'> {
  palettes: PaletteRepository;
  imaging: ColourImaging;
  config: {
    k: number;
    /** k-means is fitted on a copy shrunk to fit this side: ~65k samples at 256, whatever the input size. */
    sampleSide: number;
    maxInputPixels: number;
    tmpDir: string;
    maxDeliveryAttempts: number;
  };
}

/**
 * image.uploaded → the version's palette (k-means in CIELAB, deterministic) and its clustered image (every pixel mapped
 * to its nearest centroid), stored under the derived prefix; then image.variant-ready tells the image server.
 * Idempotent: the palette id and the blob key derive from the content, the algorithm and k, so a redelivery finds
 * its earlier result and only announces it again.
 */
export function clusterImageHandler(deps: ClusteringDeps) {
  const { config } = deps;
  return eventHandler(imageUploaded, (event, message) =>
    runImageJob(
      { ...deps, maxDeliveryAttempts: config.maxDeliveryAttempts },
      event,
      message,
      async (image) => {
        const { imageId, version } = event;
        const original = await deps.images.getVariant(imageId, version, 'original');
        if (!original) return rejected(`image ${imageId} has no version ${version}`);
        const paletteId = paletteIdFor(original.sha256, KMEANS_ALGORITHM, config.k);
        const recorded = await deps.images.getVariant(imageId, version, 'clustered');
        return runDerivativeJob(
          { ...deps, tmpDir: config.tmpDir },
          {
            source: 'clustering-worker',
            target: {
              imageId,
              version,
              variant: 'clustered',
              paletteId,
              visitorId: null,
              sourceImageId: null,
            },
            name: `${paletteId}.png`,
            made: recorded && (await deps.palettes.get(paletteId)) ? recorded : null,
            working: { image, status: 'clustering' },
            plan: async () => ({
              input: original,
              compute: async (source, dest) => {
                // The CPU-heavy part, in one call the adapter can run off the event loop (PALETTE_THREADS).
                const { centroids, rgbs, counts, width, height } = await deps.imaging.clusterToPng({
                  source,
                  dest,
                  k: config.k,
                  sampleSide: config.sampleSide,
                  maxPixels: config.maxInputPixels,
                });
                const total = counts.reduce((a, b) => a + b, 0) || 1;
                const colours: PaletteColour[] = centroids
                  .map((lab, i) => ({ hex: toHex(rgbs[i]!), rgb: rgbs[i]!, lab, share: counts[i]! / total }))
                  .sort((x, y) => y.share - x.share || x.lab[0] - y.lab[0]);
                // Saved before the image is stored and announced (saving is idempotent), so a recorded clustered
                // image always has its palette.
                await deps.palettes.save({
                  paletteId,
                  imageId,
                  version,
                  k: config.k,
                  algorithm: KMEANS_ALGORITHM,
                  colours,
                  createdAt: deps.clock.now(),
                });
                return { contentType: 'image/png', width, height };
              },
            }),
          },
        );
      },
    ),
  );
}

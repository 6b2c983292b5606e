import { done, eventHandler, rejected, skipped } from '@photo/shared/bus/event-handler';
import { KMEANS_ALGORITHM } from '@photo/shared/colour/kmeans';
import { variantBlobKey, type StoredVariant } from '@photo/shared/domain/image';
import { paletteIdFor, toHex, type Palette, type PaletteColour } from '@photo/shared/domain/palette';
import { imageUploaded, variantReady } from '@photo/shared/events/catalog';
import { publishEvent } from '@photo/shared/events/define-event';
import { downloadBlob, tempFiles, uploadFile } from '@photo/shared/io/blob-files';
import { runImageJob } from '@photo/shared/pipeline/image-job';
import type { BlobStore } from '@photo/shared/ports/blob-store.port';
import type { ColourImaging } from '@photo/shared/ports/colour-imaging.port';
import type { Clock } from '@photo/shared/ports/common';
import type { EventPublisher } from '@photo/shared/ports/event-bus.port';
import type { ImageRepository } from '@photo/shared/ports/image-repository.port';
import type { PaletteRepository } from '@photo/shared/ports/palette-repository.port';

export interface ClusteringDeps {
  images: ImageRepository;
  palettes: PaletteRepository;
  blobs: BlobStore;
  imaging: ColourImaging;
  publisher: EventPublisher;
  clock: Clock;
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
      { images: deps.images, clock: deps.clock, maxDeliveryAttempts: config.maxDeliveryAttempts },
      event,
      message,
      async () => {
        const original = await deps.images.getVariant(event.imageId, event.version, 'original');
        if (!original) return rejected(`image ${event.imageId} has no version ${event.version}`);

        const paletteId = paletteIdFor(original.sha256, KMEANS_ALGORITHM, config.k);
        const blobKey = variantBlobKey(event.imageId, event.version, 'clustered', `${paletteId}.png`);
        const recorded = await deps.images.getVariant(event.imageId, event.version, 'clustered');
        if (recorded && (await deps.palettes.get(paletteId))) {
          await announce(deps, { ...recorded, paletteId });
          return skipped('already clustered; announced again');
        }
        await deps.images.setStatus({
          imageId: event.imageId,
          version: event.version,
          status: 'clustering',
          reason: null,
          at: deps.clock.now(),
        });

        const files = await tempFiles(config.tmpDir);
        try {
          const source = await downloadBlob(deps.blobs, original.blobKey, files.path('.src'));
          if (!source) return rejected(`the stored bytes of ${event.imageId} v${event.version} are missing`);
          const clusteredPath = files.path('.png');
          // The CPU-heavy part, in one call the adapter can run off the event loop (PALETTE_THREADS).
          const { centroids, rgbs, counts, width, height } = await deps.imaging.clusterToPng({
            source,
            dest: clusteredPath,
            k: config.k,
            sampleSide: config.sampleSide,
            maxPixels: config.maxInputPixels,
          });
          const stored = await uploadFile(deps.blobs, blobKey, clusteredPath, 'image/png');

          const total = counts.reduce((a, b) => a + b, 0) || 1;
          const colours: PaletteColour[] = centroids
            .map((lab, i) => ({ hex: toHex(rgbs[i]!), rgb: rgbs[i]!, lab, share: counts[i]! / total }))
            .sort((x, y) => y.share - x.share || x.lab[0] - y.lab[0]);
          const palette: Palette = {
            paletteId,
            imageId: event.imageId,
            version: event.version,
            k: config.k,
            algorithm: KMEANS_ALGORITHM,
            colours,
            createdAt: deps.clock.now(),
          };
          await deps.palettes.save(palette);
          await announce(deps, {
            imageId: event.imageId,
            version: event.version,
            blobKey,
            contentType: 'image/png',
            bytes: stored.bytes,
            sha256: stored.sha256,
            width,
            height,
            paletteId,
          });
          return done();
        } finally {
          await files.cleanup();
        }
      },
    ),
  );
}

type Announced = Pick<
  StoredVariant,
  'imageId' | 'version' | 'blobKey' | 'contentType' | 'bytes' | 'sha256' | 'width' | 'height'
> & {
  paletteId: string;
};

function announce(deps: ClusteringDeps, v: Announced): Promise<string> {
  const { imageId, version, blobKey, contentType, bytes, sha256, width, height, paletteId } = v;
  return publishEvent(
    deps.publisher,
    variantReady,
    {
      imageId,
      version,
      variant: 'clustered',
      blobKey,
      contentType,
      bytes,
      sha256,
      width,
      height,
      paletteId,
      visitorId: null,
      sourceImageId: null,
    },
    'clustering-worker',
  );
}

import { composeArtwork, ARTWORK_VERSION } from '@photo/shared/colour/artwork';
import { done, eventHandler, rejected, skipped } from '@photo/shared/bus/event-handler';
import { variantBlobKey } from '@photo/shared/domain/image';
import { generationRequested, variantReady } from '@photo/shared/events/catalog';
import { publishEvent } from '@photo/shared/events/define-event';
import { downloadBlob, tempFiles, uploadFile } from '@photo/shared/io/blob-files';
import { runImageJob } from '@photo/shared/pipeline/image-job';
import type { BlobStore } from '@photo/shared/ports/blob-store.port';
import type { ColourImaging } from '@photo/shared/ports/colour-imaging.port';
import type { Clock } from '@photo/shared/ports/common';
import type { EventPublisher } from '@photo/shared/ports/event-bus.port';
import type { ImageRepository } from '@photo/shared/ports/image-repository.port';
import type { PaletteRepository } from '@photo/shared/ports/palette-repository.port';

export interface GenerationDeps {
  images: ImageRepository;
  palettes: PaletteRepository;
  blobs: BlobStore;
  imaging: ColourImaging;
  publisher: EventPublisher;
  clock: Clock;
  config: { width: number; height: number; tmpDir: string; maxDeliveryAttempts: number };
}

/**
 * generation.requested → a poster rendered from the palette (SVG, by sharp) with the clustered photo set into it,
 * stored under the derived prefix, then announced to the image server. One generated image per version: the blob key
 * derives from the image, version, palette and artwork version, so a redelivery re-announces the stored result.
 */
export function generateArtworkHandler(deps: GenerationDeps) {
  const { config } = deps;
  return eventHandler(generationRequested, (event, message) =>
    runImageJob(
      { images: deps.images, clock: deps.clock, maxDeliveryAttempts: config.maxDeliveryAttempts },
      event,
      message,
      async () => {
        const palette = await deps.palettes.get(event.paletteId);
        if (!palette) return rejected(`palette ${event.paletteId} does not exist`);
        const existing = await deps.images.getVariant(event.imageId, event.version, 'generated');
        if (existing) {
          await announce(deps, existing, event.paletteId);
          return skipped('already generated; announced again');
        }
        const source =
          (await deps.images.getVariant(event.imageId, event.version, 'clustered')) ??
          (await deps.images.getVariant(event.imageId, event.version, 'original'));
        if (!source) return rejected(`image ${event.imageId} has no version ${event.version}`);

        // The request already shows `generating` (the image server sets it when it publishes): recording it again
        // would put it in the history twice. A replayed or re-published request after a failure sets it here.
        const image = await deps.images.get(event.imageId);
        if (image?.currentVersion !== event.version || image.status !== 'generating') {
          await deps.images.setStatus({
            imageId: event.imageId,
            version: event.version,
            status: 'generating',
            reason: null,
            at: deps.clock.now(),
          });
        }
        const files = await tempFiles(config.tmpDir);
        try {
          const sourcePath = await downloadBlob(deps.blobs, source.blobKey, files.path('.src'));
          if (!sourcePath)
            return rejected(`the stored bytes of ${event.imageId} v${event.version} are missing`);
          const { svg, panel } = composeArtwork(palette, {
            width: config.width,
            height: config.height,
            seed: `${event.imageId}:${event.paletteId}`,
          });
          const out = files.path('.jpg');
          const rendered = await deps.imaging.renderComposition(
            svg,
            [{ path: sourcePath, ...panel }],
            out,
            'jpeg',
          );
          const name = `${event.paletteId}-${ARTWORK_VERSION.replace('@', '-')}.jpg`;
          const blobKey = variantBlobKey(event.imageId, event.version, 'generated', name);
          const stored = await uploadFile(deps.blobs, blobKey, out, rendered.contentType);
          await announce(
            deps,
            {
              imageId: event.imageId,
              version: event.version,
              blobKey,
              contentType: rendered.contentType,
              bytes: stored.bytes,
              sha256: stored.sha256,
              width: rendered.width,
              height: rendered.height,
            },
            event.paletteId,
          );
          return done();
        } finally {
          await files.cleanup();
        }
      },
    ),
  );
}

function announce(
  deps: GenerationDeps,
  v: {
    imageId: string;
    version: number;
    blobKey: string;
    contentType: string;
    bytes: number;
    sha256: string;
    width: number;
    height: number;
  },
  paletteId: string,
): Promise<string> {
  const { imageId, version, blobKey, contentType, bytes, sha256, width, height } = v;
  return publishEvent(
    deps.publisher,
    variantReady,
    {
      imageId,
      version,
      blobKey,
      contentType,
      bytes,
      sha256,
      width,
      height,
      variant: 'generated',
      paletteId,
      visitorId: null,
      sourceImageId: null,
    },
    'generation-worker',
  );
}

import { done, eventHandler, rejected, retry, skipped } from '@photo/shared/bus/event-handler';
import { planRecolour, recolourLookup, RECOLOUR_VERSION } from '@photo/shared/colour/recolour';
import { lookImageId } from '@photo/shared/pipeline/look';
import { variantBlobKey } from '@photo/shared/domain/image';
import type { Palette } from '@photo/shared/domain/palette';
import { processingRequested, variantReady } from '@photo/shared/events/catalog';
import { publishEvent } from '@photo/shared/events/define-event';
import { downloadBlob, tempFiles, uploadFile } from '@photo/shared/io/blob-files';
import type { BlobStore } from '@photo/shared/ports/blob-store.port';
import type { ColourImaging } from '@photo/shared/ports/colour-imaging.port';
import type { EventPublisher } from '@photo/shared/ports/event-bus.port';
import type { ImageRepository } from '@photo/shared/ports/image-repository.port';
import type { PaletteRepository } from '@photo/shared/ports/palette-repository.port';

export interface ProcessingDeps {
  images: ImageRepository;
  palettes: PaletteRepository;
  blobs: BlobStore;
  imaging: ColourImaging;
  publisher: EventPublisher;
  config: { maxInputPixels: number; tmpDir: string };
}

/**
 * processing.requested → the participant's clustered photo recoloured onto the chosen palettes (their hue and chroma,
 * the photo's own lightness order), stored as a new "look" image owned by that participant, announced to the image
 * server, which tells the backend, whose feed the phone polls. The look's id derives from its inputs: a redelivery
 * rebuilds nothing new. A photo not clustered yet is retried (clustering may still be running).
 */
export function recolourLookHandler(deps: ProcessingDeps) {
  const { config } = deps;
  return eventHandler(processingRequested, async (event) => {
    const image = await deps.images.get(event.imageId);
    if (!image) return rejected(`image ${event.imageId} does not exist`);
    const lookId = lookImageId(event.imageId, event.version, event.paletteIds, event.visitorId);
    const existing = await deps.images.getVariant(lookId, 1, 'processed');
    if (existing) {
      await announce(deps, event, lookId, existing);
      return skipped('look already made; announced again');
    }
    const clustered = await deps.images.getVariant(event.imageId, event.version, 'clustered');
    const sourcePalette = await deps.palettes.forImage(event.imageId, event.version);
    if (!clustered || !sourcePalette)
      return retry(`image ${event.imageId} v${event.version} is not clustered yet`);
    const targets: Palette[] = [];
    for (const id of event.paletteIds) {
      const palette = await deps.palettes.get(id);
      if (!palette) return rejected(`palette ${id} does not exist`);
      targets.push(palette);
    }

    const plan = planRecolour(
      sourcePalette.colours,
      targets.flatMap((p) => p.colours),
    );
    const files = await tempFiles(config.tmpDir);
    try {
      const source = await downloadBlob(deps.blobs, clustered.blobKey, files.path('.png'));
      if (!source) return rejected(`the clustered bytes of ${event.imageId} v${event.version} are missing`);
      const out = files.path('.out.png');
      const { width, height } = await deps.imaging.mapPixelsToPng(source, out, recolourLookup(plan), {
        maxPixels: config.maxInputPixels,
      });
      const blobKey = variantBlobKey(lookId, 1, 'processed', `${RECOLOUR_VERSION.replace('@', '-')}.png`);
      const stored = await uploadFile(deps.blobs, blobKey, out, 'image/png');
      await announce(deps, event, lookId, {
        blobKey,
        contentType: 'image/png',
        bytes: stored.bytes,
        sha256: stored.sha256,
        width,
        height,
      });
      return done();
    } finally {
      await files.cleanup();
    }
  });
}

function announce(
  deps: ProcessingDeps,
  event: { imageId: string; visitorId: string },
  lookId: string,
  v: { blobKey: string; contentType: string; bytes: number; sha256: string; width: number; height: number },
): Promise<string> {
  const { blobKey, contentType, bytes, sha256, width, height } = v;
  return publishEvent(
    deps.publisher,
    variantReady,
    {
      imageId: lookId,
      version: 1,
      variant: 'processed',
      blobKey,
      contentType,
      bytes,
      sha256,
      width,
      height,
      paletteId: null,
      visitorId: event.visitorId,
      sourceImageId: event.imageId,
    },
    'processing-worker',
  );
}

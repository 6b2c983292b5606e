import { eventHandler, rejected, retry } from '@photo/shared/bus/event-handler';
import { planRecolour, recolourLookup, RECOLOUR_VERSION } from '@photo/shared/colour/recolour';
import { lookImageId } from '@photo/shared/pipeline/look';
import { processingRequested } from '@photo/shared/events/catalog';
import { runDerivativeJob, type DerivativeJobDeps } from '@photo/shared/pipeline/derivative-job';
import type { ColourImaging } from '@photo/shared/ports/colour-imaging.port';
import type { PaletteRepository } from '@photo/shared/ports/palette-repository.port';

export interface ProcessingDeps extends Omit<DerivativeJobDeps, 'tmpDir'> {
  palettes: PaletteRepository;
  imaging: ColourImaging;
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
    if (!(await deps.images.get(event.imageId))) return rejected(`image ${event.imageId} does not exist`);
    const lookId = lookImageId(event.imageId, event.version, event.paletteIds, event.visitorId);
    return runDerivativeJob(
      { ...deps, tmpDir: config.tmpDir },
      {
        source: 'processing-worker',
        target: {
          imageId: lookId,
          version: 1,
          variant: 'processed',
          paletteId: null,
          visitorId: event.visitorId,
          sourceImageId: event.imageId,
        },
        name: `${RECOLOUR_VERSION.replace('@', '-')}.png`,
        made: await deps.images.getVariant(lookId, 1, 'processed'),
        working: null,
        plan: async () => {
          const clustered = await deps.images.getVariant(event.imageId, event.version, 'clustered');
          const sourcePalette = await deps.palettes.forImage(event.imageId, event.version);
          if (!clustered || !sourcePalette)
            return retry(`image ${event.imageId} v${event.version} is not clustered yet`);
          const targets = await Promise.all(event.paletteIds.map((id) => deps.palettes.get(id)));
          const missing = event.paletteIds.find((_, i) => !targets[i]);
          if (missing !== undefined) return rejected(`palette ${missing} does not exist`);
          const colours = targets.flatMap((p) => p!.colours);
          const lookup = recolourLookup(planRecolour(sourcePalette.colours, colours));
          const limits = { maxPixels: config.maxInputPixels };
          return {
            input: clustered,
            compute: async (source, dest) => ({
              ...(await deps.imaging.mapPixelsToPng(source, dest, lookup, limits)),
              contentType: 'image/png',
            }),
          };
        },
      },
    );
  });
}

import { composeArtwork, ARTWORK_VERSION } from '@photo/shared/colour/artwork';
import { eventHandler, rejected } from '@photo/shared/bus/event-handler';
import { generationRequested } from '@photo/shared/events/catalog';
import { runDerivativeJob, type DerivativeJobDeps } from '@photo/shared/pipeline/derivative-job';
import { runImageJob } from '@photo/shared/pipeline/image-job';
import type { ColourImaging } from '@photo/shared/ports/colour-imaging.port';
import type { PaletteRepository } from '@photo/shared/ports/palette-repository.port';

export interface GenerationDeps extends Omit<DerivativeJobDeps, 'tmpDir'> {
  palettes: PaletteRepository;
  imaging: ColourImaging;
  config: { width: number; height: number; tmpDir: string; maxDeliveryAttempts: number };
}

/**
 * generation.requested → a poster rendered from the palette (SVG, by sharp) with the clustered photo set into it,
 * stored under the derived prefix, then announced to the image server. One generated image per version: a
 * redelivery re-announces the recorded result. `generating` shows once: set here, unless the automation rule set it
 * when it asked.
 */
export function generateArtworkHandler(deps: GenerationDeps) {
  const { config } = deps;
  return eventHandler(generationRequested, (event, message) =>
    runImageJob(
      { ...deps, maxDeliveryAttempts: config.maxDeliveryAttempts },
      event,
      message,
      async (image) => {
        const palette = await deps.palettes.get(event.paletteId);
        if (!palette) return rejected(`palette ${event.paletteId} does not exist`);
        return runDerivativeJob(
          { ...deps, tmpDir: config.tmpDir },
          {
            source: 'generation-worker',
            target: { ...event, variant: 'generated', visitorId: null, sourceImageId: null },
            name: `${event.paletteId}-${ARTWORK_VERSION.replace('@', '-')}.jpg`,
            made: await deps.images.getVariant(event.imageId, event.version, 'generated'),
            working: { image, status: 'generating' },
            plan: async () => {
              const input =
                (await deps.images.getVariant(event.imageId, event.version, 'clustered')) ??
                (await deps.images.getVariant(event.imageId, event.version, 'original'));
              if (!input) return rejected(`image ${event.imageId} has no version ${event.version}`);
              const { width, height } = config;
              const { svg, panel } = composeArtwork(palette, {
                width,
                height,
                seed: `${event.imageId}:${event.paletteId}`,
              });
              return {
                input,
                compute: (source, dest) =>
                  deps.imaging.renderComposition(svg, [{ path: source, ...panel }], dest, 'jpeg'),
              };
            },
          },
        );
      },
    ),
  );
}

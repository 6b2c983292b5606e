import { errors } from '@photo/shared/errors/errors';
import { generationRequested } from '@photo/shared/events/catalog';
import { publishEvent } from '@photo/shared/events/define-event';
import type { Clock } from '@photo/shared/ports/common';
import type { EventPublisher } from '@photo/shared/ports/event-bus.port';
import type { ImageRepository } from '@photo/shared/ports/image-repository.port';
import type { PaletteRepository } from '@photo/shared/ports/palette-repository.port';

export interface RequestGenerationDeps {
  images: ImageRepository;
  palettes: PaletteRepository;
  publisher: EventPublisher;
  clock: Clock;
}

/**
 * The seed's 画像生成リクエスト: the current version of an image is to get a generated artwork from a palette (its own
 * by default). The image shows "generating" at once; the generation worker does the rest.
 */
export async function requestGeneration(
  deps: RequestGenerationDeps,
  imageId: string,
  paletteId: string | null,
): Promise<{ imageId: string; version: number; paletteId: string }> {
  const image = await deps.images.get(imageId);
  if (!image || image.currentVersion === 0) throw errors.imageNotFound(imageId);
  const palette = paletteId
    ? await deps.palettes.get(paletteId)
    : await deps.palettes.forImage(imageId, image.currentVersion);
  if (!palette)
    throw errors.paletteNotFound(paletteId ?? `of ${imageId} v${image.currentVersion} (not clustered yet)`);
  const version = image.currentVersion;
  await deps.images.setStatus({ imageId, version, status: 'generating', reason: null, at: deps.clock.now() });
  await publishEvent(
    deps.publisher,
    generationRequested,
    { imageId, version, paletteId: palette.paletteId },
    'image-server',
  );
  return { imageId, version, paletteId: palette.paletteId };
}

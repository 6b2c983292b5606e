import { errors } from '@photo/shared/errors/errors';
import { generationRequested } from '@photo/shared/events/catalog';
import { publishEvent } from '@photo/shared/events/define-event';
import type { RequestLookDeps } from './request-look';

/**
 * The seed's 画像生成リクエスト: the current version of an image is to get a generated artwork from a palette (its own
 * by default). Like a look, it goes straight onto the bus: the generation worker shows `generating` when it takes the
 * request up, and the image server records what it made.
 */
export async function requestGeneration(
  deps: Pick<RequestLookDeps, 'images' | 'palettes' | 'publisher'>,
  imageId: string,
  paletteId: string | null,
): Promise<{ imageId: string; version: number; paletteId: string }> {
  const image = await deps.images.get(imageId);
  if (!image || image.currentVersion === 0) throw errors.imageNotFound(imageId);
  const version = image.currentVersion;
  const palette = paletteId
    ? await deps.palettes.get(paletteId)
    : await deps.palettes.forImage(imageId, version);
  if (!palette) throw errors.paletteNotFound(paletteId ?? `of ${imageId} v${version} (not clustered yet)`);
  const requested = { imageId, version, paletteId: palette.paletteId };
  await publishEvent(deps.publisher, generationRequested, requested, 'backend-api');
  return requested;
}

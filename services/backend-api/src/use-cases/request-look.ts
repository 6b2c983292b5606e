import { errors } from '@photo/shared/errors/errors';
import { processingRequested } from '@photo/shared/events/catalog';
import { publishEvent } from '@photo/shared/events/define-event';
import { lookImageId } from '@photo/shared/pipeline/look';
import type { EventPublisher } from '@photo/shared/ports/event-bus.port';
import type { PaletteRepository } from '@photo/shared/ports/palette-repository.port';
import { getParticipant, type ParticipantDeps } from './participants';

export interface RequestLookDeps extends Pick<ParticipantDeps, 'participants' | 'images'> {
  palettes: PaletteRepository;
  publisher: EventPublisher;
}

/**
 * The seed's 画像処理リクエスト(image_id, palette_ids, visitor_id): a participant's current photo is to be recoloured
 * onto chosen palettes. Answers the look's image id at once (it derives from the request), so the app can wait for
 * it on its feed; asking twice makes one look.
 */
export async function requestLook(
  deps: RequestLookDeps,
  visitorId: string,
  paletteIds: string[],
): Promise<{ lookImageId: string; sourceImageId: string; version: number; paletteIds: string[] }> {
  const participant = await getParticipant(deps, visitorId);
  const photo = await deps.images.get(participant.photoImageId);
  if (!photo || photo.currentVersion === 0)
    throw errors.imageNotReady(participant.photoImageId, 'the participant has no photo yet');
  for (const id of paletteIds) if (!(await deps.palettes.get(id))) throw errors.paletteNotFound(id);
  const unique = [...new Set(paletteIds)];
  const version = photo.currentVersion;
  await publishEvent(
    deps.publisher,
    processingRequested,
    { imageId: photo.imageId, version, paletteIds: unique, visitorId },
    'backend-api',
  );
  return {
    lookImageId: lookImageId(photo.imageId, version, unique, visitorId),
    sourceImageId: photo.imageId,
    version,
    paletteIds: unique,
  };
}

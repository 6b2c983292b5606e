import type { Readable } from 'node:stream';
import { errors } from '@photo/shared/errors/errors';
import type { ImageRepository } from '@photo/shared/ports/image-repository.port';
import type { ImageServerClient, UploadedVersion } from '@photo/shared/ports/image-server-client.port';
import type { ParticipantRepository } from '@photo/shared/ports/participant-repository.port';

export interface UploadPhotoDeps {
  participants: ParticipantRepository;
  images: ImageRepository;
  imageServer: ImageServerClient;
}

export interface UploadPhotoInput {
  visitorId: string;
  /** The version staff confirmed overwriting; null when they saw no photo. */
  expectedVersion: number | null;
  idempotencyKey: string | null;
  contentType: string;
  body: Readable;
}

/**
 * Stores a staff photo of a participant as the next version of their photo. Overwriting needs the current version
 * confirmed: a stale or missing confirmation is a 409 that names the current version. The check here answers early;
 * the image server's compare-and-swap is what guarantees it.
 */
export async function uploadPhoto(deps: UploadPhotoDeps, input: UploadPhotoInput): Promise<UploadedVersion> {
  const participant = await deps.participants.findById(input.visitorId);
  if (!participant) throw errors.participantNotFound(input.visitorId);
  const expected = input.expectedVersion ?? 0;
  if (!input.idempotencyKey) {
    const photo = await deps.images.get(participant.photoImageId);
    const current = photo?.currentVersion ?? 0;
    if (current !== expected) throw errors.versionConflict(current, input.expectedVersion);
  }
  return deps.imageServer.uploadVersion({
    imageId: participant.photoImageId,
    kind: 'participant-photo',
    ownerVisitorId: participant.visitorId,
    expectedVersion: expected,
    idempotencyKey: input.idempotencyKey,
    contentType: input.contentType,
    body: input.body,
  });
}

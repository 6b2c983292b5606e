import type { Readable } from 'node:stream';
import type { ImageServerClient, UploadedVersion } from '@photo/shared/ports/image-server-client.port';
import { confirmPhotoVersion, getParticipant, type ParticipantDeps } from './participants';

export type UploadPhotoDeps = Pick<ParticipantDeps, 'participants' | 'images'> & {
  imageServer: ImageServerClient;
};

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
  const participant = await getParticipant(deps, input.visitorId);
  if (!input.idempotencyKey) await confirmPhotoVersion(deps, participant, input.expectedVersion);
  return deps.imageServer.uploadVersion({
    imageId: participant.photoImageId,
    kind: 'participant-photo',
    ownerVisitorId: participant.visitorId,
    expectedVersion: input.expectedVersion ?? 0,
    idempotencyKey: input.idempotencyKey,
    contentType: input.contentType,
    body: input.body,
  });
}

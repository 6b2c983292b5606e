import type { Participant, ParticipantStatus } from '@photo/shared/domain/participant';
import type { ImageServerClient, IssuedImageLink } from '@photo/shared/ports/image-server-client.port';
import { getParticipant, participantStatus, type ParticipantDeps } from './participants';

export interface CheckInResult {
  participant: Participant;
  status: ParticipantStatus;
  /** A one-time URL of the current photo, so staff can confirm the face before re-shooting. */
  photoLink: IssuedImageLink | null;
}

/** Staff scanned a QR code: who is it, and have they been photographed? */
export async function checkIn(
  deps: ParticipantDeps & { imageServer: ImageServerClient },
  qrPayload: string,
): Promise<CheckInResult> {
  const visitorId = deps.qr.decode(qrPayload, deps.clock.now());
  const participant = await getParticipant(deps, visitorId);
  const status = await participantStatus(deps, participant);
  // The original, not a stylised variant: staff compare it with the face in front of them.
  const photoLink =
    status.state === 'photographed'
      ? await deps.imageServer.issueLink(status.photo.imageId, 'original')
      : null;
  return { participant, status, photoLink };
}

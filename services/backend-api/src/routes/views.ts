import type { Participant, ParticipantStatus } from '@photo/shared/domain/participant';
import type { ImageStatus } from '@photo/shared/domain/image';
import type { UploadedVersion } from '@photo/shared/ports/image-server-client.port';
import type { z } from 'zod';
import type {
  participantDetailView,
  ParticipantStatusView,
  ParticipantView,
  QrView,
  uploadedVersionView,
} from '../http/response-schemas';
import type { IssuedQr } from '../use-cases/participants';

export const toParticipantView = (p: Participant): ParticipantView => ({
  visitorId: p.visitorId,
  displayName: p.displayName,
  email: p.email,
  externalRef: p.externalRef,
  source: p.source,
  photoImageId: p.photoImageId,
  createdAt: p.createdAt.toISOString(),
});

export const toStatusView = (s: ParticipantStatus): ParticipantStatusView =>
  s.state === 'photographed'
    ? { state: s.state, photoVersion: s.photo.version, photoVariant: s.photo.variant }
    : { state: s.state, photoVersion: 0 };

/** A participant with their photo status, as `GET /me`, `GET /participants/{visitorId}` and check-in answer them. */
export const toDetailView = (
  participant: Participant,
  status: ParticipantStatus,
): z.infer<typeof participantDetailView> => ({
  participant: toParticipantView(participant),
  status: toStatusView(status),
});

export const toQrView = (q: IssuedQr): QrView => ({
  qrPayload: q.qrPayload,
  expiresAt: q.expiresAt.toISOString(),
});

/** The image server answers one of the image statuses; its client's port types the field as a plain string. */
export const toUploadedVersionView = (u: UploadedVersion): z.infer<typeof uploadedVersionView> => ({
  ...u,
  status: u.status as ImageStatus,
});

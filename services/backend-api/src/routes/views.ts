import type { Participant, ParticipantStatus } from '@photo/shared/domain/participant';
import type { ParticipantStatusView, ParticipantView, QrView } from '../http/response-schemas';
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

export const toQrView = (q: IssuedQr): QrView => ({
  qrPayload: q.qrPayload,
  expiresAt: q.expiresAt.toISOString(),
});

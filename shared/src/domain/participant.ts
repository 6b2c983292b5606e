import type { ImageVersionRef } from './image';

export type ParticipantSource = 'operator' | 'import' | 'self';

export interface Participant {
  visitorId: string;
  displayName: string;
  email: string | null;
  /** The organiser's own reference (ticket number, …); unique when present, makes imports idempotent. */
  externalRef: string | null;
  source: ParticipantSource;
  /** The participant's photo is one image whose versions are successive shots. */
  photoImageId: string;
  createdAt: Date;
}

export type ParticipantStatus =
  { state: 'not-photographed' } | { state: 'photographed'; photo: ImageVersionRef };

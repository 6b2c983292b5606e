import type { Participant, ParticipantSource, ParticipantStatus } from '@photo/shared/domain/participant';
import { newImageId, newVisitorId } from '@photo/shared/domain/ids';
import { errors } from '@photo/shared/errors/errors';
import type { Clock } from '@photo/shared/ports/common';
import type { ImageRepository } from '@photo/shared/ports/image-repository.port';
import type { ParticipantRepository } from '@photo/shared/ports/participant-repository.port';
import { randomToken, sha256Hex } from '@photo/shared/security/hashing';
import type { QrCodec } from '@photo/shared/security/qr-codec';

export interface ParticipantDeps {
  participants: ParticipantRepository;
  images: ImageRepository;
  qr: QrCodec;
  clock: Clock;
}

export interface ParticipantInput {
  displayName: string;
  email?: string | null | undefined;
  externalRef?: string | null | undefined;
}

/** Participant tokens are bearer secrets the app keeps; the prefix tells them apart from JWTs. */
export const PARTICIPANT_TOKEN_PREFIX = 'pt_';

export interface CreatedParticipant {
  participant: Participant;
  /** Shown once: only its hash is stored. */
  participantToken: string;
  qrPayload: string;
}

export interface CreateParticipantsOutcome {
  created: CreatedParticipant[];
  existing: { participant: Participant; qrPayload: string }[];
}

/** Creates participants (one, an import, or a self-registration): all of them or none. */
export async function createParticipants(
  deps: ParticipantDeps,
  inputs: ParticipantInput[],
  source: ParticipantSource,
): Promise<CreateParticipantsOutcome> {
  const now = deps.clock.now();
  const tokens = new Map<string, string>();
  const rows = inputs.map((input) => {
    const token = `${PARTICIPANT_TOKEN_PREFIX}${randomToken(256)}`;
    const visitorId = newVisitorId();
    tokens.set(visitorId, token);
    return {
      visitorId,
      displayName: input.displayName,
      email: input.email ?? null,
      externalRef: input.externalRef ?? null,
      source,
      photoImageId: newImageId(),
      createdAt: now,
      tokenHash: sha256Hex(token),
    };
  });
  const result = await deps.participants.createMany(rows);
  return {
    created: result.created.map((participant) => ({
      participant,
      participantToken: tokens.get(participant.visitorId)!,
      qrPayload: deps.qr.encode(participant.visitorId, now),
    })),
    existing: result.existing.map((participant) => ({
      participant,
      qrPayload: deps.qr.encode(participant.visitorId, now),
    })),
  };
}

export async function getParticipant(
  deps: Pick<ParticipantDeps, 'participants'>,
  visitorId: string,
): Promise<Participant> {
  const participant = await deps.participants.findById(visitorId);
  if (!participant) throw errors.participantNotFound(visitorId);
  return participant;
}

/**
 * The current version of the participant's photo (0: none yet), checked against the version the caller confirmed
 * overwriting (null: they saw no photo); a stale or missing confirmation is a 409 naming the current version.
 */
export async function confirmPhotoVersion(
  deps: Pick<ParticipantDeps, 'images'>,
  participant: Participant,
  expected: number | null,
): Promise<number> {
  const current = (await deps.images.get(participant.photoImageId))?.currentVersion ?? 0;
  if (current !== (expected ?? 0)) throw errors.versionConflict(current, expected);
  return current;
}

/** Photographed or not, and if so which version of the photo is current. */
export async function participantStatus(
  deps: Pick<ParticipantDeps, 'images'>,
  participant: Participant,
): Promise<ParticipantStatus> {
  const photo = await deps.images.get(participant.photoImageId);
  if (!photo || photo.currentVersion === 0) return { state: 'not-photographed' };
  return {
    state: 'photographed',
    photo: { imageId: photo.imageId, version: photo.currentVersion, variant: photo.servedVariant },
  };
}

export interface IssuedQr {
  qrPayload: string;
  /** The last instant the payload scans. */
  expiresAt: Date;
}

/** A fresh QR payload for a participant (a reprint, or one past its expiry), and until when it scans. */
export async function qrFor(deps: ParticipantDeps, visitorId: string): Promise<IssuedQr> {
  const participant = await getParticipant(deps, visitorId);
  const { payload, expiresAt } = deps.qr.issue(participant.visitorId, deps.clock.now());
  return { qrPayload: payload, expiresAt };
}

import type { z } from 'zod';
import { deriveImageId, newUploadIntentId } from '@photo/shared/domain/ids';
import { PERMISSIONS, type Caller } from '@photo/shared/domain/permissions';
import { callerKeyOf, newUploadIntent, type UploadIntent } from '@photo/shared/domain/upload';
import { errors } from '@photo/shared/errors/errors';
import { uploadErrors } from '@photo/shared/errors/upload-errors';
import type { Clock } from '@photo/shared/ports/common';
import type { ImageRepository } from '@photo/shared/ports/image-repository.port';
import type { ParticipantRepository } from '@photo/shared/ports/participant-repository.port';
import type { UploadIntentRepository } from '@photo/shared/ports/upload-intent-repository.port';
import type { UploadTarget, UploadTargetSigner } from '@photo/shared/ports/upload-target-signer.port';
import { newCallbackSecret } from '@photo/shared/security/webhook-signature';
import { confirmPhotoVersion, getParticipant } from '../use-cases/participants';
import { checkCallbackUrl } from './callback-url';
import { targetLifetimeSeconds, type UploadRules } from './upload-config';
import type { uploadRequest } from './upload-schemas';

export interface RequestUploadDeps {
  uploads: UploadIntentRepository;
  /** The image server's signer, over HTTP (it owns the bucket and the signing identity). */
  signer: UploadTargetSigner;
  participants: ParticipantRepository;
  images: ImageRepository;
  clock: Clock;
  rules: UploadRules;
}

export type UploadRequest = z.infer<typeof uploadRequest>;

export interface RequestedUpload {
  intent: UploadIntent;
  target: UploadTarget;
  /** Verifies the webhook's signature; null without a callback URL. Given once, here. */
  callbackSecret: string | null;
}

const HOUR_MS = 3600_000;

/**
 * An upload intent and its signed target. Checked before anything is stored: the declared type and size against
 * the rules, the caller's right to upload this purpose (a participant only their own photo; staff a participant's
 * photo with upload:photos; operators event images with write:images), the photo's current version (an early
 * answer: the handoff's compare-and-swap is what guarantees it) and the callback URL. The target binds the key
 * uploads/{intentId}, the exact type, exactly the declared size, and an expiry sized to that size.
 */
export async function requestUpload(
  deps: RequestUploadDeps,
  caller: Caller,
  input: UploadRequest,
): Promise<RequestedUpload> {
  const { rules } = deps;
  if (caller.kind === 'service') throw errors.forbidden('This is for participants, staff and operators.');
  if (!rules.allowedTypes.includes(input.contentType)) {
    throw uploadErrors.typeNotAllowed(input.contentType, [...rules.allowedTypes]);
  }
  if (input.size > rules.maxBytes) throw uploadErrors.tooLarge(input.size, rules.maxBytes);
  const callbackUrl = input.callbackUrl
    ? checkCallbackUrl(input.callbackUrl, rules.allowInsecureCallbacks)
    : null;

  const intentId = newUploadIntentId();
  const subject = await subjectOf(deps, caller, input, intentId);
  const now = deps.clock.now();
  const expiresAt = new Date(now.getTime() + targetLifetimeSeconds(rules, input.size) * 1000);
  const intent = newUploadIntent({
    intentId,
    purpose: input.purpose,
    imageId: subject.imageId,
    ownerVisitorId: subject.ownerVisitorId,
    callerKey: callerKeyOf(caller),
    fileName: input.fileName,
    contentType: input.contentType,
    size: input.size,
    sha256: input.sha256 ?? null,
    expectedVersion: subject.expectedVersion,
    callbackUrl,
    callbackSecret: callbackUrl ? newCallbackSecret() : null,
    createdAt: now,
    expiresAt,
  });
  const target = await deps.signer.sign({
    key: intent.objectKey,
    contentType: intent.contentType,
    minBytes: intent.size,
    maxBytes: intent.size,
    expiresAt,
  });
  const created = await deps.uploads.create(intent, {
    now,
    since: new Date(now.getTime() - HOUR_MS),
    maxPending: rules.maxPending,
    maxBytes: rules.maxBytesPerHour,
  });
  if (created.outcome === 'quota-exceeded') {
    throw uploadErrors.quotaExceeded({
      pending: created.pending,
      maxPending: rules.maxPending,
      bytes: created.bytes,
      maxBytes: rules.maxBytesPerHour,
    });
  }
  return {
    intent: created.intent,
    target,
    callbackSecret: created.intent.callbackSecret,
  };
}

async function subjectOf(
  deps: RequestUploadDeps,
  caller: Exclude<Caller, { kind: 'service' }>,
  input: UploadRequest,
  intentId: string,
): Promise<{ imageId: string; ownerVisitorId: string | null; expectedVersion: number }> {
  if (input.purpose === 'event') {
    if (caller.kind !== 'user') throw errors.forbidden('Participants upload their own photo only.');
    if (!caller.permissions.has(PERMISSIONS.imagesWrite))
      throw errors.forbidden(`This requires the ${PERMISSIONS.imagesWrite} permission.`);
    if (input.visitorId)
      throw errors.invalidRequest([{ path: 'visitorId', message: 'not for an event image' }]);
    return { imageId: deriveImageId(`upload:${intentId}`), ownerVisitorId: null, expectedVersion: 0 };
  }
  let visitorId: string;
  if (caller.kind === 'participant') {
    if (input.visitorId && input.visitorId !== caller.visitorId)
      throw errors.forbidden('Participants upload their own photo only.');
    visitorId = caller.visitorId;
  } else {
    if (!caller.permissions.has(PERMISSIONS.photosUpload))
      throw errors.forbidden(`This requires the ${PERMISSIONS.photosUpload} permission.`);
    if (!input.visitorId)
      throw errors.invalidRequest([{ path: 'visitorId', message: 'required for a participant photo' }]);
    visitorId = input.visitorId;
  }
  const participant = await getParticipant(deps, visitorId);
  const expectedVersion = await confirmPhotoVersion(deps, participant, input.expectedVersion ?? null);
  return { imageId: participant.photoImageId, ownerVisitorId: visitorId, expectedVersion };
}

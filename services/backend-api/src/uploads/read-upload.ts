import { PERMISSIONS, type Caller } from '@photo/shared/domain/permissions';
import type { UploadIntent } from '@photo/shared/domain/upload';
import { errors } from '@photo/shared/errors/errors';
import { uploadErrors } from '@photo/shared/errors/upload-errors';
import type { UploadIntentRepository } from '@photo/shared/ports/upload-intent-repository.port';

/** Who, beside its participant, may follow an upload: a user who may read, shoot or upload images. */
export const UPLOAD_READERS = [PERMISSIONS.imagesRead, PERMISSIONS.photosUpload, PERMISSIONS.imagesWrite];

/**
 * An upload intent for a caller who may see it: the participant it is a photo of (anyone else's answers 404, so
 * ids cannot be probed), staff and operators who may upload or read images.
 */
export async function readUpload(
  deps: { uploads: UploadIntentRepository },
  caller: Caller,
  intentId: string,
): Promise<UploadIntent> {
  const intent = await deps.uploads.get(intentId);
  if (caller.kind === 'user') {
    if (!UPLOAD_READERS.some((p) => caller.permissions.has(p)))
      throw errors.forbidden(`This requires the ${PERMISSIONS.imagesRead} permission.`);
  }
  const visible =
    intent !== null &&
    (caller.kind === 'user' || (caller.kind === 'participant' && intent.ownerVisitorId === caller.visitorId));
  if (!visible) throw uploadErrors.notFound(intentId);
  return intent;
}

/** The strong ETag of an intent's state: it changes with every revision. */
export const uploadEtag = (intent: UploadIntent): string => `"${intent.intentId}.${intent.revision}"`;

import type { ImageVariant } from '@photo/shared/domain/image';
import { PERMISSIONS, type Caller } from '@photo/shared/domain/permissions';
import { errors } from '@photo/shared/errors/errors';
import type { ImageRepository } from '@photo/shared/ports/image-repository.port';
import type { ImageServerClient, IssuedImageLink } from '@photo/shared/ports/image-server-client.port';

/**
 * A one-time URL of an image for a caller who may see it: a participant only their own images (anyone else's
 * answers 404, so ids cannot be probed), staff and operators with the read permission.
 */
export async function requestImageUrl(
  deps: { images: ImageRepository; imageServer: ImageServerClient },
  caller: Caller,
  imageId: string,
  variant: ImageVariant | null,
): Promise<IssuedImageLink> {
  const image = await deps.images.get(imageId);
  const visible =
    image !== null &&
    ((caller.kind === 'participant' && image.ownerVisitorId === caller.visitorId) ||
      (caller.kind === 'user' && caller.permissions.has(PERMISSIONS.imagesRead)));
  if (!visible) {
    if (caller.kind === 'user' && !caller.permissions.has(PERMISSIONS.imagesRead)) {
      throw errors.forbidden(`This requires the ${PERMISSIONS.imagesRead} permission.`);
    }
    throw errors.imageNotFound(imageId);
  }
  return deps.imageServer.issueLink(imageId, variant);
}

import type { Image } from './image';

/** One participant's like of one image: liking twice is still one like. */
export interface Like {
  imageId: string;
  likerVisitorId: string;
  /** The image's owner when it was liked: the recipient of the notification (null for event images). */
  ownerVisitorId: string | null;
  /** The in-app notification this like was counted in (null for a self-like or an image with no owner). */
  notificationId: string | null;
  createdAt: Date;
}

/**
 * Which images a participant may like. Their own images follow the one-time URL rule (requestImageUrl: a
 * participant sees their own images only). Looks are what the event shows off (the seed's "Customer likes Look"),
 * so any participant may like any look. Anything else, or an image with no version yet, is hidden: the caller
 * answers it exactly like an unknown id, so ids cannot be probed.
 */
export function canLike(
  likerVisitorId: string,
  image: Pick<Image, 'kind' | 'ownerVisitorId' | 'currentVersion'>,
): boolean {
  if (image.currentVersion === 0) return false;
  return image.ownerVisitorId === likerVisitorId || image.kind === 'look';
}

/** Whom a like notifies: the owner, unless there is none or they liked their own image. */
export function likeRecipient(likerVisitorId: string, ownerVisitorId: string | null): string | null {
  return ownerVisitorId !== null && ownerVisitorId !== likerVisitorId ? ownerVisitorId : null;
}

import { canLike } from '@photo/shared/domain/like';
import { errors } from '@photo/shared/errors/errors';
import type { ImageRepository } from '@photo/shared/ports/image-repository.port';
import type { LikeRepository } from '@photo/shared/ports/like-repository.port';

export interface LikeDeps {
  images: ImageRepository;
  likes: LikeRepository;
  clock: { now(): Date };
  /** Called after a commit that wrote an outbox entry: tells live streams, publishes the entry; awaited. */
  committed: (change: { recipientVisitorId: string | null }) => Promise<void>;
}

/**
 * A participant likes an image they may see (domain/like.ts canLike: their own, or any look). The like, the owner's
 * notification and the outbox entry commit in one transaction; liking twice is one like.
 */
export async function likeImage(
  deps: LikeDeps,
  visitorId: string,
  imageId: string,
): Promise<{ created: boolean; likedAt: Date }> {
  const image = await deps.images.get(imageId);
  // Invisible images answer exactly like unknown ones, so ids cannot be probed.
  if (!image || !canLike(visitorId, image)) throw errors.imageNotFound(imageId);
  const result = await deps.likes.like({
    imageId,
    likerVisitorId: visitorId,
    ownerVisitorId: image.ownerVisitorId,
    now: deps.clock.now(),
  });
  if (result.outcome === 'created')
    await deps.committed({ recipientVisitorId: result.notification?.recipientVisitorId ?? null });
  return { created: result.outcome === 'created', likedAt: result.like.createdAt };
}

/** Withdraws the participant's like; unliking what was not liked is not an error (DELETE is idempotent). */
export async function unlikeImage(
  deps: LikeDeps,
  visitorId: string,
  imageId: string,
): Promise<{ removed: boolean }> {
  const result = await deps.likes.unlike({ imageId, likerVisitorId: visitorId, now: deps.clock.now() });
  if (result.outcome === 'absent') return { removed: false };
  await deps.committed({ recipientVisitorId: result.notification?.recipientVisitorId ?? null });
  return { removed: true };
}

import { errors } from '@photo/shared/errors/errors';
import type { Clock } from '@photo/shared/ports/common';
import type { GalleryItemRepository } from '@photo/shared/ports/gallery-item-repository.port';
import type { GalleryLikeRepository } from '@photo/shared/ports/gallery-like-repository.port';
import type { GalleryUserRepository } from '@photo/shared/ports/gallery-user-repository.port';
import type { Recommender } from '@photo/shared/ports/recommender.port';

export interface LikeItemDeps {
  users: GalleryUserRepository;
  items: GalleryItemRepository;
  likes: GalleryLikeRepository;
  recommender: Recommender;
  clock: Clock;
}

/**
 * Records a like with the expression the user showed, then tells the recommender. A repeat is not a second like,
 * but it is told again: if the first attempt failed between the two, the retry completes it (the event id is stable).
 */
export async function likeItem(
  deps: LikeItemDeps,
  input: { userId: string; itemId: string },
): Promise<{ created: boolean }> {
  const [user, item] = await Promise.all([deps.users.get(input.userId), deps.items.get(input.itemId)]);
  if (!user) throw errors.galleryUserNotFound(input.userId);
  if (!item) throw errors.galleryItemNotFound(input.itemId);
  const now = deps.clock.now();
  const { created } = await deps.likes.record({
    userId: user.userId,
    itemId: item.itemId,
    expression: user.expression,
    likedAt: now,
  });
  await deps.recommender.putEvent({
    userId: user.userId,
    itemId: item.itemId,
    type: 'like',
    expression: user.expression,
    at: now,
  });
  return { created };
}

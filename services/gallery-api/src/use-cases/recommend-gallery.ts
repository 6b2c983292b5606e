import type { Expression } from '@photo/shared/domain/gallery';
import { isAppError } from '@photo/shared/errors/app-error';
import { errors } from '@photo/shared/errors/errors';
import type { Clock } from '@photo/shared/ports/common';
import type { GalleryItemRepository } from '@photo/shared/ports/gallery-item-repository.port';
import type { GalleryLikeRepository } from '@photo/shared/ports/gallery-like-repository.port';
import type { GalleryUserRepository } from '@photo/shared/ports/gallery-user-repository.port';
import type { ImageServerClient } from '@photo/shared/ports/image-server-client.port';
import type { Recommender } from '@photo/shared/ports/recommender.port';

export interface RecommendGalleryDeps {
  users: GalleryUserRepository;
  items: GalleryItemRepository;
  likes: GalleryLikeRepository;
  recommender: Recommender;
  imageServer: ImageServerClient;
  clock: Clock;
}

export interface GalleryEntry {
  itemId: string;
  url: string;
  expiresAt: string;
}

/**
 * Recommendations for a user, seeded by the expression they show now (or their last one), never their own images
 * nor ones they liked, each with a one-time URL of the image as it was copied into the gallery (its original).
 */
export async function recommendGallery(
  deps: RecommendGalleryDeps,
  input: { userId: string; expression: Expression | null; limit: number },
): Promise<{ userId: string; expression: Expression; items: GalleryEntry[] }> {
  const user = await deps.users.get(input.userId);
  if (!user) throw errors.galleryUserNotFound(input.userId);
  const expression = input.expression ?? user.expression;
  if (expression !== user.expression)
    await deps.users.setExpression(user.userId, expression, deps.clock.now());

  const [own, liked] = await Promise.all([deps.items.ownedBy(user.userId), deps.likes.likedBy(user.userId)]);
  const exclude = new Set([...own, ...liked]);
  const recommended = await deps.recommender.recommend({
    userId: user.userId,
    expression,
    exclude: [...exclude],
    limit: input.limit,
  });
  const links = await Promise.all(
    recommended.filter((id) => !exclude.has(id)).map((itemId) => linkOf(deps.imageServer, itemId)),
  );
  return { userId: user.userId, expression, items: links.filter((l): l is GalleryEntry => l !== null) };
}

/** An item whose image is gone (or not ready) is left out rather than failing the whole gallery. */
async function linkOf(imageServer: ImageServerClient, itemId: string): Promise<GalleryEntry | null> {
  try {
    const link = await imageServer.issueLink(itemId, 'original');
    return { itemId, url: link.url, expiresAt: link.expiresAt };
  } catch (err) {
    if (isAppError(err) && err.status === 404) return null;
    throw err;
  }
}

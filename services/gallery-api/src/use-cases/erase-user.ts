import type { FaceAnalysisRepository } from '@photo/shared/ports/face-analysis-repository.port';
import type { FaceIndex } from '@photo/shared/ports/face-index.port';
import type { GalleryItemRepository } from '@photo/shared/ports/gallery-item-repository.port';
import type { GallerySessionRepository } from '@photo/shared/ports/gallery-session-repository.port';
import type { GalleryLikeRepository } from '@photo/shared/ports/gallery-like-repository.port';
import type { GalleryUserRepository } from '@photo/shared/ports/gallery-user-repository.port';
import type { Recommender } from '@photo/shared/ports/recommender.port';

export interface EraseUserDeps {
  users: GalleryUserRepository;
  faces: FaceIndex;
  analyses: FaceAnalysisRepository;
  likes: GalleryLikeRepository;
  items: GalleryItemRepository;
  recommender: Recommender;
  sessions: Pick<GallerySessionRepository, 'deleteForUser'>;
}

/**
 * Erases a user everywhere: their faces first (the most sensitive), their pending analyses, likes, ownership of
 * catalog items, the recommender's record, their sessions, and the user row last, so an erasure that fails part-way is retried by
 * the same call. Idempotent: erasing nobody erases nothing and succeeds.
 */
export async function eraseUser(deps: EraseUserDeps, userId: string): Promise<void> {
  await deps.faces.deleteUser(userId);
  await deps.analyses.deleteForUser(userId);
  await deps.likes.deleteUser(userId);
  await deps.items.clearOwner(userId);
  await deps.recommender.deleteUser(userId);
  await deps.sessions.deleteForUser(userId);
  await deps.users.delete(userId);
}

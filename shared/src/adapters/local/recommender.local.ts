import type { Expression } from '../../domain/gallery';
import { rankItems } from '../../gallery/recommendation';
import type { GalleryItemRepository } from '../../ports/gallery-item-repository.port';
import type { GalleryLikeRepository } from '../../ports/gallery-like-repository.port';
import type { RecommendationRequest, Recommender, RecommenderErasure } from '../../ports/recommender.port';

export interface LocalRecommenderOptions {
  /** Fixes the exploration draws: the same store and seed always give the same recommendations. */
  seed: number;
  /** How much of the catalog and of the like history one recommendation reads (an event's worth). */
  maxItems: number;
  maxLikes: number;
}

/**
 * The embedded recommender: it ranks from the store itself (the gallery catalog and its likes, which the gallery
 * records before it tells any recommender), so its put* calls have nothing to add and deleteUser nothing to forget
 * once the user's likes are erased. See rankItems for the ranking.
 */
export class LocalRecommender implements Recommender {
  constructor(
    private readonly items: GalleryItemRepository,
    private readonly likes: GalleryLikeRepository,
    private readonly options: LocalRecommenderOptions = { seed: 1, maxItems: 5000, maxLikes: 20_000 },
  ) {}

  async putUser(_user: { userId: string; expression: Expression }): Promise<void> {}

  async putItems(_items: { itemId: string; createdAt: Date; ownerUserId: string | null }[]): Promise<void> {}

  async putEvent(_event: {
    userId: string;
    itemId: string;
    type: 'like';
    expression: Expression | null;
    at: Date;
  }): Promise<void> {}

  async recommend(request: RecommendationRequest): Promise<string[]> {
    const [items, likes] = await Promise.all([
      this.items.newest(this.options.maxItems),
      this.likes.recent(this.options.maxLikes),
    ]);
    return rankItems({
      userId: request.userId,
      expression: request.expression,
      items: items.map((i) => i.itemId),
      likes,
      exclude: new Set(request.exclude),
      limit: request.limit,
      seed: this.options.seed,
    });
  }

  async deleteUser(_userId: string): Promise<void> {}

  /** Nothing is kept beside the store's rows, which the erasure deletes itself. */
  erasure(_userId: string): Promise<RecommenderErasure> {
    return Promise.resolve({ state: 'completed', jobId: null, reason: null });
  }
}

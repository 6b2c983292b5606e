import type { Expression } from '../domain/gallery';

export interface RecommendationRequest {
  userId: string;
  /** The expression the user shows now: it seeds recommendations while the user has little history. */
  expression: Expression | null;
  /** Items never to recommend (the user's own, the ones they liked). */
  exclude: string[];
  limit: number;
}

/**
 * How far the recommender has forgotten an erased user: `completed` once nothing of them is left; a recommender that
 * forgets in a job of its own (Personalize's data deletion job) reports the job's state and its id.
 */
export interface RecommenderErasure {
  state: 'not-started' | 'pending' | 'in-progress' | 'completed' | 'failed';
  /** The deletion job (an ARN), when the recommender forgets in one. */
  jobId: string | null;
  /** Why a job failed. */
  reason: string | null;
}

/** Recommends gallery items (Amazon Personalize in the cloud, a recommender over the store embedded). */
export interface Recommender {
  /** Registers or updates a user and the expression they showed. Idempotent. */
  putUser(user: { userId: string; expression: Expression }): Promise<void>;
  /** Registers catalog items. Idempotent. */
  putItems(items: { itemId: string; createdAt: Date; ownerUserId: string | null }[]): Promise<void>;
  /** Records an interaction. Idempotent per (userId, itemId, type). */
  putEvent(event: {
    userId: string;
    itemId: string;
    type: 'like';
    expression: Expression | null;
    at: Date;
  }): Promise<void>;
  /** Item ids, best first, none of them excluded; fewer than `limit` when the catalog runs out. */
  recommend(request: RecommendationRequest): Promise<string[]>;
  /** Forgets the user and their interactions, as far as the recommender allows (see the adapter). */
  deleteUser(userId: string): Promise<void>;
  /** How far `deleteUser` has got: read from the recommender, so it is the same on every instance. */
  erasure(userId: string): Promise<RecommenderErasure>;
}

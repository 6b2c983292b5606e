import type { GalleryLike } from '../domain/gallery';

/** Likes of gallery items by gallery users: what the embedded recommender learns from. */
export interface GalleryLikeRepository {
  /** Idempotent per (userId, itemId): a second like keeps the first (created: false). */
  record(like: GalleryLike): Promise<{ created: boolean }>;
  /** Item ids the user liked, newest first. */
  likedBy(userId: string): Promise<string[]>;
  /** The latest likes of everyone, newest first, at most `limit`. */
  recent(limit: number): Promise<GalleryLike[]>;
  /** Deletes every like of the user; returns how many. */
  deleteUser(userId: string): Promise<number>;
}

import type { Like } from '../domain/like';
import type { Notification } from '../domain/notification';

export interface LikeInput {
  imageId: string;
  likerVisitorId: string;
  /** The image's owner as the caller read it (an image's owner never changes). */
  ownerVisitorId: string | null;
  now: Date;
}

export type LikeResult =
  { outcome: 'created'; like: Like; notification: Notification | null } | { outcome: 'exists'; like: Like };

export type UnlikeResult =
  | { outcome: 'removed'; like: Like; notification: Notification | null; notificationRemoved: boolean }
  | { outcome: 'absent' };

/**
 * Likes, written together with what they cause. Each write is ONE transaction holding the like, the recipient's
 * notification where it changes and an outbox row (event `like.created` / `like.removed`, source `likes`) that the
 * outbox relay publishes later, so a crash between the commit and the publish loses nothing.
 */
export interface LikeRepository {
  /**
   * A new like: joins the recipient's open notification for the image (or opens one), unless it is a self-like or
   * the image has no owner. Joining writes the like only: the notification is returned as last aggregated
   * (NotificationRepository.aggregate counts it). A like that exists already changes nothing and writes no outbox
   * row.
   */
  like(input: LikeInput): Promise<LikeResult>;
  /**
   * Removes the like and aggregates the notification it joined again (deleting the notification when it was the
   * last like) and writes `like.removed`. Unliking what was not liked changes nothing.
   */
  unlike(input: { imageId: string; likerVisitorId: string; now: Date }): Promise<UnlikeResult>;
  get(imageId: string, likerVisitorId: string): Promise<Like | null>;
  /** Which of these images the participant likes now (one read for a page of images, not one per image). */
  likedAmong(likerVisitorId: string, imageIds: readonly string[]): Promise<Set<string>>;
}

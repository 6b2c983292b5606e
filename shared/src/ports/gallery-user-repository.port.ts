import type { Expression, GalleryUser } from '../domain/gallery';

/** Users of the face gallery. */
export interface GalleryUserRepository {
  /** Creates the user unless the id exists; either way returns the stored user (created: false for the existing one). */
  create(user: GalleryUser): Promise<{ created: boolean; user: GalleryUser }>;
  get(userId: string): Promise<GalleryUser | null>;
  /** Records the latest expression; false when the user does not exist. */
  setExpression(userId: string, expression: Expression, now: Date): Promise<boolean>;
  /** Records until when the user's face is searchable (null: none indexed); false when the user does not exist. */
  setFaceExpiry(userId: string, faceExpiresAt: Date | null, now: Date): Promise<boolean>;
  /** Users whose face expired before `before`, at most `limit`: what the expiry sweep erases from the face index. */
  withFaceExpiredBefore(before: Date, limit: number): Promise<string[]>;
  /** Idempotent; false when there was no such user. */
  delete(userId: string): Promise<boolean>;
}
